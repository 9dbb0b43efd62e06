using System.Diagnostics;

namespace Boilerhouse.Sync.Limits;

/// <summary>
/// Caps reading a container folder's archive in bytes and in time spent reading (a huge sparse file
/// expands into endless zeros): past either cap the read stops with <see cref="FolderReadStoppedException"/>.
/// Time waiting on the sink between reads is not counted.
/// </summary>
internal sealed class FolderReadMeter(Stream inner, long maxBytes, TimeSpan maxTime) : ReadOnlyWrapperStream(inner)
{
    private readonly Stopwatch _reading = new();

    public override int Read(byte[] buffer, int offset, int count)
    {
        _reading.Start();
        try
        {
            return Checked(Inner.Read(buffer, offset, count));
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
            return Checked(await Inner.ReadAsync(buffer, timeout.Token));
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

    private int Checked(int read) => Counted(read) is var counted && BytesRead <= maxBytes ? counted : throw Stopped();

    private FolderReadStoppedException Stopped() => new(
        $"reading the folder stopped after {BytesRead} bytes and {_reading.Elapsed.TotalSeconds:0} s (caps: {maxBytes} bytes, {maxTime.TotalSeconds:0} s); files not read by then were not saved");
}

internal sealed class FolderReadStoppedException(string message) : Exception(message);
