using Boilerhouse.Core.Errors;

namespace Boilerhouse.Sync.Limits;

/// <summary>
/// Reads a stream but never past the size that was planned for it: an object that grew between
/// listing and fetch, or an endpoint that lies about sizes, fails the transfer instead of filling
/// memory or disk.
/// </summary>
internal sealed class CappedReadStream(Stream inner, long limit, string what) : Stream
{
    private long _read;

    /// <summary>True once more than the planned size came.</summary>
    public bool Exceeded => _read > limit;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private int Count(int read)
    {
        _read += read;
        return _read <= limit
            ? read
            : throw new BoilerhouseException(ErrorCodes.SyncFailed,
                $"{what} is bigger than the {limit} bytes planned for it (it changed after it was listed, or the store misreports sizes); nothing past that size is read.");
    }
}
