namespace Boilerhouse.Orchestration.Persistence;

/// <summary>A container Boilerhouse created, as last known; reconciled with Docker by its labels.</summary>
public sealed class ContainerRecord
{
    public required string Name { get; set; }
    public string? ContainerId { get; set; }
    public required string PoolId { get; set; }
    public required string WorkloadId { get; set; }
    public required string HostId { get; set; }
    public ContainerStatus Status { get; set; }
    public string? TenantId { get; set; }
    /// <summary>The claim instance that took the container: a resumed claim gets the same container back.</summary>
    public string? ClaimInstanceId { get; set; }
    public string? EndpointsJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadyAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
}

public enum ContainerStatus
{
    Starting,
    Warm,
    Claimed,
    Unhealthy,
    Removing,
}
