using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Pools;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Timers.Jobs;

/// <summary>
/// Reconciles Docker with Boilerhouse by label: containers of this installation whose pool no longer
/// exists are reaped, and every pool reaps what it does not know and replaces what vanished.
/// </summary>
public sealed class OrphanReapingJob(
    WorkloadCatalog workloads, IContainerRuntime runtime, IGrainFactory grains, IOptions<PoolOptions> options, ILogger<OrphanReapingJob> logger)
    : ITimerJob
{
    public string Name => TimerNames.OrphanReaping;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var mine = new Dictionary<string, string>
        {
            [ContainerLabels.Managed] = "true",
            [ContainerLabels.Instance] = options.Value.InstanceId,
        };
        foreach (var orphan in (await runtime.ListAsync(mine, cancellationToken))
            .Where(c => !workloads.TryGet(c.Labels.GetValueOrDefault(ContainerLabels.Pool, ""), out _)))
        {
            logger.LogInformation("Reaping container {ContainerName}: its pool {PoolId} no longer exists",
                orphan.Name, orphan.Labels.GetValueOrDefault(ContainerLabels.Pool));
            await runtime.RemoveAsync(orphan.Id, cancellationToken);
        }

        await Task.WhenAll(workloads.Workloads.Select(w => grains.GetGrain<IPoolGrain>(w.Id).ReconcileAsync()));
    }
}
