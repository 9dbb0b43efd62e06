using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Pools;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Timers;

/// <summary>Keeps every pool at min_size warm and healthy; runs at start-up, then on its schedule.</summary>
public sealed class WarmPoolsTimer(
    WorkloadCatalog workloads,
    IGrainFactory grains,
    IOptions<TimerOptions> options,
    TimeProvider time,
    ILogger<WarmPoolsTimer> logger) : ScheduledTimer("warmPools", options.Value.WarmPools, time, logger)
{
    protected override Task FireAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(workloads.Workloads.Select(w => grains.GetGrain<IPoolGrain>(w.Id).EnsureWarmAsync()));
}
