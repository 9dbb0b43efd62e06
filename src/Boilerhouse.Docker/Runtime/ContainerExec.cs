using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// Runs a command inside a container and collects its output and exit code, within
/// <see cref="DockerEndpoint.ExecTimeout"/>.
/// </summary>
internal sealed class ContainerExec(EngineConnection engine)
{
    private static readonly TimeSpan ExitCodePollInterval = TimeSpan.FromMilliseconds(20);
    private const int ExitCodePolls = 50;

    public async Task<ExecResult> RunAsync(string containerId, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        try
        {
            var exec = await engine.Call.RunAsync(
                "create an exec",
                t => engine.Client.Exec.ExecCreateContainerAsync(
                    containerId,
                    new ContainerExecCreateParameters { AttachStdout = true, AttachStderr = true, Cmd = [.. command] },
                    t),
                cancellationToken).ConfigureAwait(false);

            using var stream = await engine.Call.RunAsync(
                "start an exec",
                t => engine.Client.Exec.StartAndAttachContainerExecAsync(exec.ID, false, t),
                cancellationToken).ConfigureAwait(false);
            var (stdout, stderr) = await ReadOutputAsync(containerId, command[0], stream, cancellationToken).ConfigureAwait(false);

            var inspect = await InspectAsync(exec.ID, cancellationToken).ConfigureAwait(false);
            // The output can close a moment before the engine records the exit code.
            for (var i = 0; inspect.Running && i < ExitCodePolls; i++)
            {
                await Task.Delay(ExitCodePollInterval, engine.Time, cancellationToken).ConfigureAwait(false);
                inspect = await InspectAsync(exec.ID, cancellationToken).ConfigureAwait(false);
            }

            DockerLog.ExecFinished(engine.Logger, containerId, command[0], inspect.ExitCode);
            return new ExecResult(inspect.ExitCode, stdout, stderr);
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed($"run {command[0]}", containerId, e);
        }
    }

    private Task<ContainerExecInspectResponse> InspectAsync(string execId, CancellationToken cancellationToken) =>
        engine.Call.RunAsync("inspect an exec", t => engine.Client.Exec.InspectContainerExecAsync(execId, t), cancellationToken);

    private async Task<(string Stdout, string Stderr)> ReadOutputAsync(
        string containerId, string executable, MultiplexedStream stream, CancellationToken cancellationToken)
    {
        var timeout = engine.Endpoint.ExecTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await stream.ReadOutputToEndAsync(deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BoilerhouseException(
                ErrorCodes.ContainerFailed,
                $"{executable} in container {containerId} did not finish within {timeout.TotalSeconds} s.",
                e);
        }
        catch (IOException e)
        {
            throw engine.Call.Unavailable($"read the output of {executable}", e.Message, e);
        }
    }
}
