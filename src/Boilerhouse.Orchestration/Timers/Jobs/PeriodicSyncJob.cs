using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Sync;
using Boilerhouse.Orchestration.Tenants;
using Boilerhouse.Sync;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Timers.Jobs;

/// <summary>
/// Starts an upload sync for every claimed tenant whose workload's sync interval has passed since
/// its last sync run (or its claim). The syncs run as orchestrations on the tenants' own queues.
/// </summary>
public sealed class PeriodicSyncJob(
    WorkloadCatalog workloads, TenantStore tenants, SyncRunStore syncRuns, OrchestrationStore orchestrations, IGrainFactory grains, TimeProvider time, ILogger<PeriodicSyncJob> logger)
    : ITimerJob
{
    public string Name => TimerNames.PeriodicSync;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var intervals = workloads.Workloads
            .Where(w => w.Sync?.Policy.Interval is not null)
            .ToDictionary(w => w.Id, w => w.Sync!.Policy.Interval!.Value);
        if (intervals.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var claimed = await tenants.ClaimedAsync([.. intervals.Keys], cancellationToken);
        if (claimed.Count == 0)
        {
            return;
        }

        var tenantIds = claimed.Select(t => t.TenantId).ToList();
        var lastRun = await syncRuns.LastStartedAsync(tenantIds, cancellationToken);
        // A tenant busy with a claim, release or sync gets its turn at a later tick.
        var busy = await orchestrations.BusyTenantsAsync(tenantIds, cancellationToken);

        foreach (var tenant in claimed.Where(t => !busy.Contains(t.TenantId)))
        {
            var last = lastRun.TryGetValue(tenant.TenantId, out var run) && run > tenant.ClaimedAt ? run : tenant.ClaimedAt;
            var dueAt = last + intervals[tenant.PoolId];
            if (dueAt > now)
            {
                continue;
            }

            logger.LogDebug("Periodic sync of tenant {TenantId} (last sync {LastSync})", tenant.TenantId, last);
            // One id per due time: a repeated tick while the sync is queued finds the same instance.
            var instanceId = InstanceIds.FromIdempotencyKey(tenant.TenantId, SyncOrchestration.Name, $"periodic:{dueAt.UtcTicks}");
            await grains.GetGrain<ITenantGrain>(tenant.TenantId).StartSyncAsync(new SyncCommand(SyncDirection.Upload, SyncTrigger.Periodic), instanceId, TimeSpan.Zero);
        }
    }
}
