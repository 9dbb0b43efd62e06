using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Pools;

namespace Boilerhouse.Orchestration.Timers.Jobs;

/// <summary>Keeps every pool at min_size warm.</summary>
public sealed class WarmPoolsJob(WorkloadCatalog workloads, IGrainFactory grains) : ITimerJob
{
    public string Name => TimerNames.WarmPools;

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(workloads.Workloads.Select(w => grains.GetGrain<IPoolGrain>(w.Id).EnsureWarmAsync()));
}
