using Boilerhouse.Core.Containers;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>
/// One pool: owns its warm set. Claims are serialized here, so a warm container is handed out once
/// and only once without locks. Docker work (create, health wait, remove) runs outside the grain's
/// turn and reports back, so a claim never waits behind a container being created.
/// </summary>
public interface IPoolGrain : IGrainWithStringKey
{
    Task<PoolSnapshot> GetSnapshotAsync();

    /// <summary>Starts containers until min_size are warm (never beyond max_size).</summary>
    Task EnsureWarmAsync();

    /// <summary>Replaces warm containers that died or turned unhealthy; tells tenants whose container vanished.</summary>
    Task CheckHealthAsync();

    /// <summary>Matches Docker with what the pool knows: reaps this pool's containers that it does not know, then checks health.</summary>
    Task ReconcileAsync();

    /// <summary>
    /// Hands a warm container to a tenant's claim instance, or says why not (exhausted, or warming: try
    /// again soon). Idempotent per instance: a resumed claim gets the container it took before.
    /// </summary>
    Task<TakeResult> TakeAsync(string tenantId, string instanceId);

    /// <summary>Forgets a container that its tenant's orchestration destroyed, and refills the pool.</summary>
    Task ForgetAsync(string containerName);

    Task ContainerReadyAsync(string containerName, ContainerInfo info);

    Task ContainerFailedAsync(string containerName, string error);

    Task ContainerRemovedAsync(string containerName);
}
