namespace Boilerhouse.Client.Models;

/// <summary>A pool of warm containers of one workload, and its sizes.</summary>
/// <param name="Id">The pool id (a workload may declare several pools).</param>
/// <param name="Name">Its display name.</param>
/// <param name="WorkloadId">The workload.</param>
/// <param name="Image">The image its containers run.</param>
/// <param name="MinSize">Warm containers kept ready.</param>
/// <param name="MaxSize">Containers at most.</param>
/// <param name="IdleTimeout">How long a claimed container may stay idle before release.</param>
/// <param name="Warm">Ready to claim.</param>
/// <param name="Claimed">Held by tenants.</param>
/// <param name="Starting">Being created.</param>
/// <param name="Unhealthy">Failed and being replaced.</param>
/// <param name="Total">All of them.</param>
/// <param name="LastError">The last warming error.</param>
/// <param name="LastErrorAt">When it happened.</param>
/// <param name="Paused">Refill is paused (by pause or drain).</param>
/// <param name="Waiting">Claims waiting in the pool's line for a container (first come, first served).</param>
public sealed record Pool(
    string Id, string Name, string WorkloadId, string Image, int MinSize, int MaxSize, TimeSpan IdleTimeout,
    int Warm, int Claimed, int Starting, int Unhealthy, int Total, string? LastError, DateTimeOffset? LastErrorAt, bool Paused = false, int Waiting = 0);

/// <summary>A container of a pool.</summary>
/// <param name="Name">Its container name.</param>
/// <param name="ContainerId">Its Docker id, once created.</param>
/// <param name="Status"><c>starting</c>, <c>warm</c>, <c>claimed</c>, <c>unhealthy</c>, ...</param>
/// <param name="TenantId">The tenant holding it.</param>
/// <param name="Endpoints">How to reach it.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ReadyAt">When it became warm.</param>
/// <param name="ClaimedAt">When it was claimed.</param>
/// <param name="HostId">Its Docker host.</param>
/// <param name="HostUnavailable">True while its host is unhealthy.</param>
public sealed record PoolContainer(
    string Name, string? ContainerId, string Status, string? TenantId, ContainerEndpoints? Endpoints,
    DateTimeOffset CreatedAt, DateTimeOffset? ReadyAt, DateTimeOffset? ClaimedAt, string? HostId, bool HostUnavailable);
