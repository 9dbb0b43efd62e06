using System.Security.Cryptography;
using System.Text;
using Boilerhouse.Sync.Sinks;

namespace Boilerhouse.Sync.Integrity;

/// <summary>What a canary found: the bytes came back intact, framed by aws-chunked encoding, or otherwise altered.</summary>
public enum CanaryOutcome
{
    Intact,
    ChunkFramed,
    Altered,
}

public sealed record CanaryResult(CanaryOutcome Outcome, string? Detail)
{
    public static readonly CanaryResult Intact = new(CanaryOutcome.Intact, null);
}

/// <summary>
/// Writes a small object, reads it back and deletes it, then compares the bytes: the way to learn that
/// a store (a misconfigured S3-compatible server, a proxy) alters what it is given before any tenant
/// state goes through it. Unreachable stores throw as the sink does (SINK_UNAVAILABLE).
/// </summary>
public static class SinkCanary
{
    public const string KeyPrefix = ".boilerhouse-canary/";

    public static async Task<CanaryResult> RunAsync(ISink sink, CancellationToken cancellationToken)
    {
        var key = $"{KeyPrefix}{Guid.NewGuid():N}";
        var sent = Content();
        try
        {
            await sink.UploadAsync(key, new MemoryStream(sent, writable: false), sent.Length, cancellationToken);
            await using var stream = await sink.OpenReadAsync(key, cancellationToken);
            if (stream is null)
            {
                return new CanaryResult(CanaryOutcome.Altered, $"a {sent.Length}-byte test object was confirmed written but could not be read back");
            }

            using var back = new MemoryStream();
            await stream.CopyToAsync(back, cancellationToken);
            return Compare(sent, back.ToArray());
        }
        finally
        {
            await sink.DeleteAsync([key], CancellationToken.None);
        }
    }

    /// <summary>Intact when equal; ChunkFramed when aws-chunked signatures surround the content; else Altered, saying what came back.</summary>
    public static CanaryResult Compare(byte[] sent, byte[] received)
    {
        if (sent.AsSpan().SequenceEqual(received))
        {
            return CanaryResult.Intact;
        }

        var text = Encoding.Latin1.GetString(received);
        var what = $"a {sent.Length}-byte test object came back as {received.Length} bytes starting with \"{Printable(text)}\"";
        return text.Contains(";chunk-signature=", StringComparison.Ordinal)
            ? new CanaryResult(CanaryOutcome.ChunkFramed, what + " (aws-chunked upload framing stored as the object)")
            : new CanaryResult(CanaryOutcome.Altered, what);
    }

    private static byte[] Content()
    {
        // Text and every byte value, so a store that re-encodes or trims anything shows it.
        var head = Encoding.ASCII.GetBytes("boilerhouse sink canary\n");
        var bytes = new byte[head.Length + 256 + 1024];
        head.CopyTo(bytes, 0);
        for (var i = 0; i < 256; i++)
        {
            bytes[head.Length + i] = (byte)i;
        }

        RandomNumberGenerator.Fill(bytes.AsSpan(head.Length + 256));
        return bytes;
    }

    private static string Printable(string text)
    {
        var start = text.Length > 48 ? text[..48] : text;
        return new string([.. start.Select(c => c is >= ' ' and < (char)127 ? c : '.')]);
    }
}
