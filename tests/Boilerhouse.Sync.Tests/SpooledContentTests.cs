using System.Security.Cryptography;

namespace Boilerhouse.Sync.Tests;

/// <summary>The one-pass spool hashes what it keeps: SHA-256 always, the upload's MD5 when asked, in memory and on disk.</summary>
public sealed class SpooledContentTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1000)]                 // a small file: MD5 in place
    [InlineData(3 * 1024 * 1024 + 7)]  // a large file: MD5 a few chunks behind on another core, in memory
    [InlineData(9 * 1024 * 1024 + 13)] // past the memory limit: spooled to a temp file
    public async Task ReadAsync_keeps_the_bytes_and_their_SHA256_and_MD5(int length)
    {
        var data = RandomNumberGenerator.GetBytes(length);

        // A source that hands out odd-sized reads, as a container's archive stream does.
        await using var spooled = await SpooledContent.ReadAsync(new RaggedStream(data), length, withDigest: true, CancellationToken.None);

        Assert.Equal(length, spooled.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), spooled.Sha256);
        Assert.Equal(MD5.HashData(data), spooled.Digest!.Md5);
        using var copy = new MemoryStream();
        await using (var read = spooled.Open())
        {
            await read.CopyToAsync(copy);
        }

        Assert.True(data.AsSpan().SequenceEqual(copy.ToArray()));
    }

    [Fact]
    public async Task ReadAsync_without_digest_computes_no_MD5()
    {
        await using var spooled = await SpooledContent.ReadAsync(new MemoryStream(new byte[100]), 100, CancellationToken.None);

        Assert.Null(spooled.Digest);
    }

    /// <summary>Reads of 1, 40,000, 70,000, ... bytes in turn.</summary>
    private sealed class RaggedStream(byte[] data) : MemoryStream(data, writable: false)
    {
        private static readonly int[] Sizes = [1, 40_000, 70_000, 81_920, 5];
        private int _turn;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, Sizes[_turn++ % Sizes.Length])], cancellationToken);
    }
}
