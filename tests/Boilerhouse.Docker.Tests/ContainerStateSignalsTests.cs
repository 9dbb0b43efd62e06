using Boilerhouse.Core.Workloads;
using Boilerhouse.Docker.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace Boilerhouse.Docker.Tests;

/// <summary>
/// The engine's event stream wakes health waits: only an event completes a signal (the waits' own
/// fallback inspects are elsewhere), so these fail if the stream or its filter does not work.
/// </summary>
public sealed class ContainerStateSignalsTests : DockerTestScope, IDisposable
{
    private static readonly TimeSpan EventWait = TimeSpan.FromSeconds(20);
    private readonly EngineConnection engine = new(new DockerEndpoint(), NullLogger.Instance, TimeProvider.System);
    private readonly ContainerStateSignals signals;

    public ContainerStateSignalsTests() => signals = new ContainerStateSignals(engine);

    [Fact]
    public async Task A_health_status_event_wakes_the_container_s_signal()
    {
        var check = new HealthCheckSpec(["CMD", "true"], TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), 3, TimeSpan.Zero);
        var id = await Runtime.CreateAsync(Request("signal-healthy", TestWorkloads.Sleeper(check)), Ct);
        var healthy = signals.Next(id);
        await Runtime.StartAsync(id, Ct);

        await healthy.WaitAsync(EventWait, Ct);
        Assert.Equal(Boilerhouse.Core.Containers.ContainerHealth.Healthy, (await Runtime.InspectAsync(id, Ct))!.Health);
    }

    [Fact]
    public async Task An_exit_wakes_the_container_s_signal_and_other_containers_stay_asleep()
    {
        var neverChecked = new HealthCheckSpec(["CMD", "true"], TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), 3, TimeSpan.Zero);
        var exits = await Runtime.CreateAsync(Request("signal-exits", TestWorkloads.Shell("sleep 1; exit 3") with { HealthCheck = neverChecked }), Ct);
        var quiet = await Runtime.CreateAsync(Request("signal-quiet", TestWorkloads.Sleeper(neverChecked)), Ct);
        await Runtime.StartAsync(quiet, Ct);
        var died = signals.Next(exits);
        await Runtime.StartAsync(exits, Ct);
        var untouched = signals.Next(quiet);

        await died.WaitAsync(EventWait, Ct);

        Assert.False((await Runtime.InspectAsync(exits, Ct))!.Running);
        Assert.False(untouched.IsCompleted);
    }

    public void Dispose()
    {
        signals.Dispose();
        engine.Dispose();
    }
}
