namespace Boilerhouse.Orchestration.Persistence;

/// <summary>A tenant's assignment: which container of which pool it holds.</summary>
public sealed class TenantRecord
{
    public required string TenantId { get; set; }
    public required string PoolId { get; set; }
    public required string ContainerName { get; set; }
    public required string ContainerId { get; set; }
    public TenantStatus Status { get; set; }
    public string? EndpointsJson { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public string? LastInstanceId { get; set; }
}

public enum TenantStatus
{
    Claimed,
    Releasing,
    /// <summary>The container vanished behind Boilerhouse's back; the next claim provisions a new one.</summary>
    Lost,
}
