using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>Filters for listing instances; <see cref="After"/> is the decoded continuation token.</summary>
public sealed record OrchestrationQuery(
    IReadOnlyCollection<OrchestrationRuntimeStatus>? RuntimeStatuses,
    string? Name,
    string? TenantId,
    DateTimeOffset? CreatedFrom,
    DateTimeOffset? CreatedTo,
    int Top,
    (DateTimeOffset CreatedTime, string InstanceId)? After);
