using Boilerhouse.Core.Containers;
using Boilerhouse.Orchestration.Hosts;
using Orleans.Concurrency;

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
    /// Hands a warm container to a tenant's claim instance, first come, first served: a claim that
    /// finds nothing warm (or others waiting) waits in the pool's line until served, until
    /// <paramref name="deadline"/>, or for a while at most (answered "still waiting": ask again, the
    /// place is kept). Says at once why not when waiting would not help (paused, no room, failing).
    /// Idempotent per instance: a resumed claim gets the container it took before.
    /// </summary>
    /// <remarks>Interleaves with the grain's other calls, so a claim never waits behind refill or reconcile work (see PoolGrain.Claims).</remarks>
    [AlwaysInterleave]
    Task<TakeResult> TakeAsync(string tenantId, string instanceId, DateTimeOffset deadline);

    /// <summary>
    /// A claim that stopped waiting (terminated) leaves the line, so nothing is handed to it later.
    /// Answers the container already handed to the instance, if any, for the claim to destroy.
    /// </summary>
    [AlwaysInterleave]
    Task<TakeResult> WithdrawAsync(string instanceId);

    /// <summary>Forgets a container that its tenant's orchestration destroyed, and refills the pool.</summary>
    Task ForgetAsync(string containerName);

    /// <summary>
    /// The workload changed in the catalog (hot reload or the API): new sizes take effect at once; a
    /// changed spec replaces the warm containers and keeps claimed ones until released (OnReplenish);
    /// a removed workload removes its warm containers.
    /// </summary>
    Task SpecChangedAsync();

    /// <summary>Stops refilling (warm containers are still handed out); lasts until resumed or the process restarts.</summary>
    Task<PoolSnapshot> PauseAsync();

    Task<PoolSnapshot> ResumeAsync();

    /// <summary>Pauses and removes every warm (and starting) container; claimed ones stay until released.</summary>
    Task<PoolSnapshot> DrainAsync();

    Task ContainerReadyAsync(string containerName, string hostId, ContainerInfo info);

    /// <summary>Creating the container failed; <paramref name="hostId"/> is null when it was never placed.</summary>
    Task ContainerFailedAsync(string containerName, string? hostId, string error);

    /// <summary>No host could take the container (no room, or none eligible): warming pauses, claims get the reason.</summary>
    Task ContainerUnplacedAsync(string containerName, string errorCode, string error);

    Task ContainerRemovedAsync(string containerName);

    /// <summary>
    /// A Docker host's condition changed: warm containers on an unhealthy host are written off, on a
    /// draining one moved; a host that is back is reconciled by labels.
    /// </summary>
    Task HostChangedAsync(HostChange change);
}
