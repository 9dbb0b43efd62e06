using Boilerhouse.Core.Containers;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>A container as its pool grain sees it (mutable, grain-private).</summary>
internal sealed class PoolMember(string name, DateTimeOffset createdAt)
{
    public string Name { get; } = name;
    public string? ContainerId { get; set; }
    /// <summary>The Docker host it runs on; null until placed (or, for a claimed container loaded without a record, until reconciled).</summary>
    public string? HostId { get; set; }
    public ContainerStatus Status { get; set; } = ContainerStatus.Starting;
    public string? TenantId { get; set; }
    public string? ClaimInstanceId { get; set; }
    public ContainerEndpoints Endpoints { get; set; } = ContainerEndpoints.None;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public DateTimeOffset? ReadyAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    /// <summary>The workload spec fingerprint it was started from; null when not started by this activation.</summary>
    public string? Generation { get; set; }

    public PoolContainerView ToView(bool hostUnavailable) =>
        new(Name, ContainerId, Status, TenantId, Endpoints, CreatedAt, ReadyAt, ClaimedAt, HostId, hostUnavailable);
}
