using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Core.Tests.Workloads;

public class ByteSizeTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1024", 1024L)]
    [InlineData("100b", 100L)]
    [InlineData("1024k", 1024L * 1024)]
    [InlineData("1kb", 1024L)]
    [InlineData("512M", 512L * 1024 * 1024)]
    [InlineData("512m", 512L * 1024 * 1024)]
    [InlineData("256MiB", 256L * 1024 * 1024)]
    [InlineData("64mb", 64L * 1024 * 1024)]
    [InlineData("1g", 1024L * 1024 * 1024)]
    [InlineData("1GB", 1024L * 1024 * 1024)]
    [InlineData("1.5g", 1536L * 1024 * 1024)]
    [InlineData("2t", 2L << 40)]
    [InlineData("512 m", 512L * 1024 * 1024)]
    public void TryParse_reads_compose_byte_values(string text, long expected)
    {
        Assert.True(ByteSize.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("12x")]
    [InlineData("-1m")]
    [InlineData("1.m")]
    [InlineData("1 g b")]
    [InlineData("99999999999p")]
    [InlineData(null)]
    public void TryParse_rejects_malformed_byte_values(string? text)
    {
        Assert.False(ByteSize.TryParse(text, out _));
    }

    [Theory]
    [InlineData(512L * 1024 * 1024, "512M")]
    [InlineData(1024L * 1024 * 1024, "1G")]
    [InlineData(1536L * 1024, "1536K")]
    [InlineData(1000L, "1000")]
    public void Format_uses_the_largest_exact_unit(long bytes, string expected)
    {
        Assert.Equal(expected, ByteSize.Format(bytes));
    }
}
