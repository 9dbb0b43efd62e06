namespace Boilerhouse.Orchestration.Persistence;

/// <summary>One orchestration instance, in the shape of Durable Functions' status (plus tenant and pool).</summary>
public sealed class OrchestrationRecord
{
    public required string InstanceId { get; set; }
    public required string Name { get; set; }
    public string? TenantId { get; set; }
    public string? PoolId { get; set; }
    /// <summary>The input with secrets redacted.</summary>
    public string? InputJson { get; set; }
    public OrchestrationRuntimeStatus RuntimeStatus { get; set; }
    public string? CustomStatus { get; set; }
    public string? OutputJson { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTimeOffset CreatedTime { get; set; }
    public DateTimeOffset LastUpdatedTime { get; set; }
    public List<OrchestrationStepRecord> Steps { get; set; } = [];
}

public enum OrchestrationRuntimeStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,
}
