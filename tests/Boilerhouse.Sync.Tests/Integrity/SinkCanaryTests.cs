using System.Text;
using Boilerhouse.Sync.Integrity;

namespace Boilerhouse.Sync.Tests.Integrity;

public sealed class SinkCanaryTests
{
    private static readonly byte[] Sent = Encoding.ASCII.GetBytes("boilerhouse sink canary\nsome bytes");

    [Fact]
    public void Compare_same_bytes_is_intact() =>
        Assert.Equal(CanaryOutcome.Intact, SinkCanary.Compare(Sent, [.. Sent]).Outcome);

    [Fact]
    public void Compare_aws_chunked_framing_is_recognised()
    {
        var framed = Encoding.ASCII.GetBytes($"{Sent.Length:x};chunk-signature=0123abcd\r\n{Encoding.ASCII.GetString(Sent)}\r\n0;chunk-signature=ffff\r\n\r\n");

        var result = SinkCanary.Compare(Sent, framed);

        Assert.Equal(CanaryOutcome.ChunkFramed, result.Outcome);
        Assert.Contains($"came back as {framed.Length} bytes", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_other_alteration_says_what_came_back()
    {
        var result = SinkCanary.Compare(Sent, Encoding.ASCII.GetBytes("<html>proxy error</html>"));

        Assert.Equal(CanaryOutcome.Altered, result.Outcome);
        Assert.Contains("starting with \"<html>proxy error</html>\"", result.Detail, StringComparison.Ordinal);
    }
}
