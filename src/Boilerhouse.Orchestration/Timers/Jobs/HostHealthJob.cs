using System.Globalization;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Telemetry;

namespace Boilerhouse.Orchestration.Timers.Jobs;

/// <summary>
/// Checks every Docker host (ping for latency, then version and info) and reports to the host
/// registry, which turns a host failing enough checks in a row unhealthy and back once it answers;
/// then tells the pools what changed (they write off, move or reconcile containers there).
/// </summary>
public sealed class HostHealthJob(DockerHosts hosts, WorkloadCatalog workloads, IGrainFactory grains, BoilerhouseMetrics metrics) : ITimerJob
{
    public string Name => TimerNames.HostHealth;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(hosts.Ids.Select(id => ProbeAsync(id, cancellationToken)));
        var changes = await grains.GetGrain<IHostRegistryGrain>(HostRegistryGrain.Key).ReportProbesAsync(results);
        await grains.AnnounceAsync(workloads, changes);
    }

    private async Task<HostProbeResult> ProbeAsync(string hostId, CancellationToken cancellationToken)
    {
        try
        {
            var status = await hosts.Probe(hostId).ProbeAsync(cancellationToken);
            metrics.HostChecked(hostId, status.PingLatency);
            var engine = new HostEngine(status.ServerVersion, status.ApiVersion, status.OperatingSystem, status.Cpus, status.MemoryBytes,
                status.Containers, status.ContainersRunning, status.Runtimes);
            return new HostProbeResult(hostId, Math.Round(status.PingLatency.TotalMilliseconds, 1, MidpointRounding.AwayFromZero), engine, null);
        }
        catch (ContainerRuntimeUnavailableException ex)
        {
            metrics.HostChecked(hostId, null);
            return new HostProbeResult(hostId, null, null, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.HostChecked(hostId, null);
            return new HostProbeResult(hostId, null, null, string.Create(CultureInfo.InvariantCulture, $"the check failed: {ex.Message}"));
        }
    }
}
