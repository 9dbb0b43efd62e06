using System.Diagnostics;

namespace Boilerhouse.Sync.Limits;

/// <summary>
/// Caps reading a container folder's archive in bytes and in time spent reading (a huge sparse file
/// expands into endless zeros): past either cap the read stops with <see cref="FolderReadStoppedException"/>.
/// Time waiting on the sink between reads is not counted.
/// </summary>
internal sealed class FolderReadMeter(Stream inner, long maxBytes, TimeSpan maxTime) : Stream
{
    private readonly Stopwatch _reading = new();
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        _reading.Start();
        try
        {
            return Count(inner.Read(buffer, offset, count));
        }
        finally
        {
            _reading.Stop();
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var left = maxTime - _reading.Elapsed;
        if (left <= TimeSpan.Zero)
        {
            throw Stopped();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(left);
        _reading.Start();
        try
        {
            return Count(await inner.ReadAsync(buffer, timeout.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Stopped();
        }
        finally
        {
            _reading.Stop();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

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
        return _read <= maxBytes ? read : throw Stopped();
    }

    private FolderReadStoppedException Stopped() => new(
        $"reading the folder stopped after {_read} bytes and {_reading.Elapsed.TotalSeconds:0} s (caps: {maxBytes} bytes, {maxTime.TotalSeconds:0} s); files not read by then were not saved");
}

internal sealed class FolderReadStoppedException(string message) : Exception(message);
