using Boilerhouse.Functions.Apis;

namespace Boilerhouse.IntegrationTests.Resources;

public sealed class LogAnswersTests
{
    [Fact]
    public void Text_within_the_cap_is_kept_whole()
    {
        Assert.Equal(("a\nb\n", false), LogAnswers.Newest("a\nb\n", 100));
    }

    [Fact]
    public void Text_over_the_cap_keeps_the_newest_whole_lines()
    {
        var (text, truncated) = LogAnswers.Newest("first line\nsecond\nthird\n", 14);

        Assert.True(truncated);
        Assert.Equal("second\nthird\n", text);
    }
}
