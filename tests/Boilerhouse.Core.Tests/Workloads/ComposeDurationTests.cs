using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Core.Tests.Workloads;

public class ComposeDurationTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("0s", 0L)]
    [InlineData("10s", 10_000L)]
    [InlineData("500ms", 500L)]
    [InlineData("1m30s", 90_000L)]
    [InlineData("1h", 3_600_000L)]
    [InlineData("1h2m3s4ms", 3_723_004L)]
    [InlineData("1.5s", 1_500L)]
    [InlineData("3000us", 3L)]
    [InlineData(" 30m ", 1_800_000L)]
    public void TryParse_reads_compose_durations(string text, long expectedMilliseconds)
    {
        Assert.True(ComposeDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), value);
    }

    [Fact]
    public void TryParse_keeps_sub_millisecond_precision()
    {
        Assert.True(ComposeDuration.TryParse("1500ns", out var value));
        Assert.Equal(15, value.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("s")]
    [InlineData("10 s")]
    [InlineData("10sec")]
    [InlineData("1d")]
    [InlineData("-5s")]
    [InlineData("1.2.3s")]
    [InlineData("99999999999999h")]
    [InlineData(null)]
    public void TryParse_rejects_malformed_durations(string? text)
    {
        Assert.False(ComposeDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData(90_000L, "1m30s")]
    [InlineData(0L, "0s")]
    [InlineData(500L, "500ms")]
    [InlineData(90_000_000L, "25h")]
    public void Format_is_the_inverse_of_parse(long milliseconds, string expected)
    {
        var text = ComposeDuration.Format(TimeSpan.FromMilliseconds(milliseconds));

        Assert.Equal(expected, text);
        Assert.True(ComposeDuration.TryParse(text, out var back));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), back);
    }
}
