using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Tenants;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Timers.Jobs;

/// <summary>
/// Releases tenants whose last activity (claim or activity report) is older than their workload's
/// idle_timeout, through the normal release orchestration, as the seed's inactivity shutdown does.
/// </summary>
public sealed class IdleReleaseJob(
    WorkloadCatalog workloads, TenantStore tenants, IGrainFactory grains, TimeProvider time, ILogger<IdleReleaseJob> logger)
    : ITimerJob
{
    public string Name => TimerNames.IdleRelease;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var claimed = await tenants.ClaimedAsync(null, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var tenant in claimed)
        {
            if (!workloads.TryGet(tenant.PoolId, out var spec) || tenant.LastActivityAt + spec.Pool.IdleTimeout > now)
            {
                continue;
            }

            logger.LogInformation("Releasing tenant {TenantId} of pool {PoolId}: idle since {LastActivityAt}", tenant.TenantId, tenant.PoolId, tenant.LastActivityAt);
            // One id per idle period: a repeated run while the release is under way finds the same instance.
            var instanceId = InstanceIds.FromIdempotencyKey(tenant.TenantId, ReleaseOrchestration.Name, $"idle:{tenant.LastActivityAt.UtcTicks}");
            await grains.GetGrain<ITenantGrain>(tenant.TenantId).StartReleaseAsync(instanceId, ReleaseOptions.Default, TimeSpan.Zero);
        }
    }
}
