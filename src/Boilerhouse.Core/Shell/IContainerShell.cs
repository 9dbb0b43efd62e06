namespace Boilerhouse.Core.Shell;

/// <summary>
/// What a person (through the API) may do inside a running container: run a command with a deadline,
/// open a terminal, and look at and move files of one volume without following links the container planted.
/// </summary>
public interface IContainerShell
{
    /// <summary>
    /// Runs <see cref="CommandRequest.Command"/> and collects capped output. When the deadline passes, every
    /// process started by the command (all carry a marker variable) is killed and the result says TimedOut.
    /// </summary>
    Task<CommandResult> RunAsync(string containerId, CommandRequest request, CancellationToken cancellationToken);

    /// <summary>Starts a shell (or the given command) with a TTY; the caller disposes the session.</summary>
    Task<ITerminalSession> OpenTerminalAsync(string containerId, TerminalRequest request, CancellationToken cancellationToken);

    /// <summary>The entry at <paramref name="path"/> itself (a link is not followed), or null when nothing is there.</summary>
    Task<VolumeEntry?> StatAsync(string containerId, string path, CancellationToken cancellationToken);

    /// <summary>
    /// A tar stream of <paramref name="path"/>, read through a helper container that mounts only the volume at
    /// <paramref name="volumeTarget"/> (read-only root), so a link swapped in mid-copy cannot reach the container's other files.
    /// </summary>
    Task<VolumeArchive> ReadVolumeAsync(string containerId, string volumeTarget, string path, CancellationToken cancellationToken);

    /// <summary>Extracts a tar into <paramref name="directory"/> through the same kind of helper as <see cref="ReadVolumeAsync"/>.</summary>
    Task WriteVolumeAsync(string containerId, string volumeTarget, string directory, Stream tar, CancellationToken cancellationToken);
}
