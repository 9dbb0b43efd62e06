using Boilerhouse.Core.Shell;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>An exec with a TTY over one hijacked connection: the TTY merges stdout and stderr into one stream.</summary>
internal sealed class DockerTerminalSession(
    EngineConnection engine, ContainerCommands commands, ProcessKiller killer, string containerId, string execId, string marker, MultiplexedStream stream)
    : ITerminalSession
{
    public async Task<int> ReadAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
        return read.EOF ? 0 : read.Count;
    }

    public Task WriteAsync(byte[] input, int count, CancellationToken cancellationToken) =>
        stream.WriteAsync(input, 0, count, cancellationToken);

    public async Task ResizeAsync(int columns, int rows, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Call.RunAsync(
                "resize a terminal",
                t => engine.Client.Exec.ResizeContainerExecTtyAsync(execId, new ContainerResizeParameters { Width = columns, Height = rows }, t),
                cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            // A short command may have ended before its first resize: its output is still there to read.
            if (await HasEndedAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            throw DockerErrors.ContainerFailed("resize a terminal", containerId, e);
        }
    }

    private async Task<bool> HasEndedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var inspect = await engine.Call.RunAsync("inspect an exec", t => engine.Client.Exec.InspectContainerExecAsync(execId, t), cancellationToken).ConfigureAwait(false);
            return !inspect.Running;
        }
        catch (DockerApiException)
        {
            return false;
        }
    }

    public async Task<long?> ExitCodeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await commands.ExitCodeAsync(execId, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException)
        {
            // The container went with its execs.
            return null;
        }
    }

    public Task KillAsync(CancellationToken cancellationToken) => killer.KillAsync(containerId, marker, cancellationToken);

    public ValueTask DisposeAsync()
    {
        stream.Dispose();
        return ValueTask.CompletedTask;
    }
}
