using System.Globalization;
using System.Text;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// Waits until Docker reports a container healthy (or running, without a health check), and otherwise
/// explains why not: its state, its last health check and, when it exited, its last log lines. It
/// inspects again when the engine reports a health or exit event, and at least every second.
/// </summary>
internal sealed class HealthPoll(EngineConnection engine, ContainerLogs logs, ContainerStateSignals signals)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private const int ExitLogLines = 10;
    private const int MaxQuotedChars = 1000;

    public async Task<ContainerInfo> WaitUntilHealthyAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var time = engine.Time;
        var started = time.GetTimestamp();
        // Listen before looking, so an event between the inspect and the wait is not missed.
        var next = signals.Next(containerId);
        var container = await engine.InspectExistingAsync(containerId, cancellationToken).ConfigureAwait(false);
        var id = container.ID;
        if (id != containerId)
        {
            signals.Forget(containerId);
            next = signals.Next(id);
        }

        try
        {
            return await WaitAsync(container, next, started, timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            signals.Forget(id);
        }
    }

    private async Task<ContainerInfo> WaitAsync(ContainerInspectResponse container, Task next, long started, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var time = engine.Time;
        var id = container.ID;
        while (true)
        {
            var state = container.State ?? new ContainerState();
            var health = ContainerInfoMapper.HealthOf(state.Health?.Status);

            if (state.Running && health is ContainerHealth.Healthy or ContainerHealth.None)
            {
                DockerLog.ContainerReady(engine.Logger, container.ID, health.ToString(), (long)time.GetElapsedTime(started).TotalMilliseconds);
                return ContainerInfoMapper.FromInspect(container);
            }

            // Before the health test: Docker marks a stopped container unhealthy too.
            if (state.Status is "exited" or "dead")
            {
                var reason = string.Create(CultureInfo.InvariantCulture, $"exited with code {state.ExitCode}{(state.OOMKilled ? " (killed: out of memory)" : "")}");
                throw await NotReadyAsync(container, reason, cancellationToken).ConfigureAwait(false);
            }

            if (health == ContainerHealth.Unhealthy)
            {
                throw await NotReadyAsync(container, "turned unhealthy", cancellationToken).ConfigureAwait(false);
            }

            if (time.GetElapsedTime(started) >= timeout)
            {
                var reason = string.Create(CultureInfo.InvariantCulture, $"was not healthy within {timeout.TotalSeconds:0.###} s");
                throw await NotReadyAsync(container, reason, cancellationToken).ConfigureAwait(false);
            }

            await Task.WhenAny(next, Task.Delay(PollInterval, time, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            next = signals.Next(id);
            container = await engine.InspectExistingAsync(id, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<BoilerhouseException> NotReadyAsync(ContainerInspectResponse container, string reason, CancellationToken cancellationToken)
    {
        var state = container.State ?? new ContainerState();
        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Container {container.Name?.TrimStart('/')} ({ContainerIds.Short(container.ID)}) {reason}; ")
            .Append(CultureInfo.InvariantCulture, $"state {state.Status}, health {state.Health?.Status ?? "none"}");
        if (state.Health?.Log is { Count: > 0 } log)
        {
            var last = log[^1];
            message.Append(CultureInfo.InvariantCulture, $"; last health check exited {last.ExitCode}: {Quote(last.Output)}");
        }

        if (state.Status is "exited" or "dead")
        {
            try
            {
                var lines = await logs.TailAsync(container.ID, ExitLogLines, cancellationToken).ConfigureAwait(false);
                message.Append(CultureInfo.InvariantCulture, $"; last log lines: {Quote(lines)}");
            }
            catch (BoilerhouseException)
            {
                // The logs only enrich the message.
            }
        }

        var text = message.Append('.').ToString();
        DockerLog.ContainerNotReady(engine.Logger, container.ID, text);
        return new BoilerhouseException(ErrorCodes.ContainerUnhealthy, text);
    }

    /// <summary>The end of a long output, which is where its error usually is.</summary>
    private static string Quote(string? text)
    {
        var trimmed = (text ?? "").Trim();
        return trimmed.Length <= MaxQuotedChars ? trimmed : "..." + trimmed[^MaxQuotedChars..];
    }
}
