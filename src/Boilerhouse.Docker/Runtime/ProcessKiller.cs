using Boilerhouse.Core.Shell;
using Boilerhouse.Core.Containers;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// Kills every process of one exec, children included: they all inherited its marker variable, so a
/// second exec finds them in /proc and kills them. Needs sh, tr, grep and kill in the image (busybox has them).
/// </summary>
internal sealed class ProcessKiller(EngineConnection engine)
{
    // Two passes: a process may fork while the first pass runs; what it forked is caught by the second.
    private const string Script = """
        for pass in 1 2; do
          for d in /proc/[0-9]*; do
            if tr '\0' '\n' 2>/dev/null < "$d/environ" | grep -qx "$0=$1"; then kill -9 "${d#/proc/}" 2>/dev/null; fi
          done
        done
        """;

    public async Task KillAsync(string containerId, string marker, CancellationToken cancellationToken)
    {
        try
        {
            var exec = await engine.Call.RunAsync(
                "create an exec that kills a command",
                t => engine.Client.Exec.ExecCreateContainerAsync(
                    containerId,
                    new ContainerExecCreateParameters { AttachStdout = true, AttachStderr = true, Cmd = ["sh", "-c", Script, CommandRequest.MarkerVariable, marker] },
                    t),
                cancellationToken).ConfigureAwait(false);
            using var stream = await engine.Call.RunAsync(
                "start an exec that kills a command",
                t => engine.Client.Exec.StartAndAttachContainerExecAsync(exec.ID, false, t),
                cancellationToken).ConfigureAwait(false);
            await engine.Call.RunAsync("wait for the kill", t => stream.ReadOutputToEndAsync(t), cancellationToken).ConfigureAwait(false);
            DockerLog.CommandKilled(engine.Logger, containerId, marker);
        }
        catch (Exception e) when (e is DockerApiException or ContainerRuntimeUnavailableException)
        {
            // The caller stops waiting for the output after a grace period either way.
            DockerLog.CommandNotKilled(engine.Logger, containerId, marker, e.Message);
        }
    }
}
