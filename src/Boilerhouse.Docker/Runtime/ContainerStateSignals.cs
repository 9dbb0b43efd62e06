using System.Collections.Concurrent;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// Wakes health waits when the engine reports a container's health or exit. One event stream per engine
/// replaces inspecting every warming container ten times a second (50 warming containers were 500
/// inspects a second on a 2-core dockerd, competing with the creates they wait for). The stream is
/// started by the first wait and reconnects after a failure; a wait also inspects now and then on its
/// own, so a lost event or a broken stream only slows it down.
/// </summary>
internal sealed class ContainerStateSignals(EngineConnection engine) : IDisposable
{
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waits = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private int _started;

    /// <summary>
    /// A task that completes at the next health or exit event of the container (by its full id). Take it
    /// before inspecting, so an event between the inspect and the wait is not missed.
    /// </summary>
    public Task Next(string containerId)
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = Task.Run(WatchAsync);
        }

        return _waits.GetOrAdd(containerId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
    }

    /// <summary>Forgets a wait that ended (its container is ready, failed or given up on).</summary>
    public void Forget(string containerId) => _waits.TryRemove(containerId, out _);

    private async Task WatchAsync()
    {
        var parameters = new ContainerEventsParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["type"] = new Dictionary<string, bool> { ["container"] = true },
                ["event"] = new Dictionary<string, bool> { ["health_status"] = true, ["die"] = true },
            },
        };
        var progress = new Signal(this);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await engine.Client.System.MonitorEventsAsync(parameters, progress, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                // The engine restarted or the connection dropped: waits fall back on their own inspects meanwhile.
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await Task.Delay(Reconnect, engine.Time, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Wake(string? containerId)
    {
        if (containerId is not null && _waits.TryRemove(containerId, out var wait))
        {
            wait.TrySetResult();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    /// <summary>Runs on the stream's reader (Progress&lt;T&gt; would post to the thread pool for every event).</summary>
    private sealed class Signal(ContainerStateSignals signals) : IProgress<Message>
    {
        public void Report(Message value) => signals.Wake(value.Actor?.ID ?? value.ID);
    }
}
