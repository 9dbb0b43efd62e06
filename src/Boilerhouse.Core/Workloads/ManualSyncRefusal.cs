using Boilerhouse.Core.Errors;

namespace Boilerhouse.Core.Workloads;

/// <summary>
/// The rule for syncing a pool's tenants by hand (one tenant or the whole pool): the pool's workload
/// must have a sync spec, and that spec must not say <c>policy.allow_manual_trigger: false</c>.
/// </summary>
public static class ManualSyncRefusal
{
    /// <summary>Why the pool's tenants may not be synced by hand, or null when they may.</summary>
    public static BoilerhouseException? For(WorkloadCatalog workloads, string poolId)
    {
        ArgumentNullException.ThrowIfNull(workloads);
        if (!workloads.TryGet(poolId, out var spec) || spec.Sync is null)
        {
            return new BoilerhouseException(ErrorCodes.SyncNotConfigured, $"Pool '{poolId}' has no sync spec (x-boilerhouse.sync).");
        }

        return spec.Sync.Policy.AllowManualTrigger
            ? null
            : new BoilerhouseException(ErrorCodes.ManualSyncNotAllowed,
                $"The sync spec of pool '{poolId}' does not allow manual triggers (policy.allow_manual_trigger is false).");
    }
}
