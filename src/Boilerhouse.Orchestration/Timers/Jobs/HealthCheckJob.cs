using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Pools;

namespace Boilerhouse.Orchestration.Timers.Jobs;

/// <summary>Replaces dead or unhealthy warm containers and flags tenants whose container vanished.</summary>
public sealed class HealthCheckJob(WorkloadCatalog workloads, IGrainFactory grains) : ITimerJob
{
    public string Name => TimerNames.HealthCheck;

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(workloads.Workloads.Select(w => grains.GetGrain<IPoolGrain>(w.Id).CheckHealthAsync()));
}
