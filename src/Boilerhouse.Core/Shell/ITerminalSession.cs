namespace Boilerhouse.Core.Shell;

/// <summary>A running exec with a TTY: bytes in, bytes out, a screen size, and how it ended.</summary>
public interface ITerminalSession : IAsyncDisposable
{
    /// <summary>Reads output into <paramref name="buffer"/>; 0 when the process closed its terminal.</summary>
    Task<int> ReadAsync(byte[] buffer, CancellationToken cancellationToken);

    Task WriteAsync(byte[] input, int count, CancellationToken cancellationToken);

    Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken);

    /// <summary>The exit code once the output has ended (waits briefly for the engine to record it); null when unknown.</summary>
    Task<long?> ExitCodeAsync(CancellationToken cancellationToken);

    /// <summary>Kills the terminal's processes (they carry a marker variable); used when the client goes away.</summary>
    Task KillAsync(CancellationToken cancellationToken);
}
