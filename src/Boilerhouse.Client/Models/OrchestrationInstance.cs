using System.Text.Json;

namespace Boilerhouse.Client.Models;

/// <summary>An orchestration instance (claim, release, sync) and its recorded steps.</summary>
/// <param name="InstanceId">Its id.</param>
/// <param name="Name">The orchestration (<c>claim</c>, <c>release</c>, <c>sync</c>).</param>
/// <param name="RuntimeStatus"><c>Pending</c>, <c>Running</c>, <c>Completed</c>, <c>Failed</c> or <c>Terminated</c>.</param>
/// <param name="CustomStatus">What it is doing now.</param>
/// <param name="TenantId">Its tenant.</param>
/// <param name="PoolId">Its pool.</param>
/// <param name="Input">Its input, secrets redacted (single-instance answers only).</param>
/// <param name="Output">Its output once completed.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="CreatedTime">When it was created.</param>
/// <param name="LastUpdatedTime">When it last changed.</param>
/// <param name="Steps">Its steps (single-instance answers only).</param>
public sealed record OrchestrationInstance(
    string InstanceId, string Name, string RuntimeStatus, string? CustomStatus, string? TenantId, string? PoolId,
    JsonElement? Input, JsonElement? Output, OrchestrationError? Error, DateTimeOffset CreatedTime, DateTimeOffset LastUpdatedTime,
    IReadOnlyList<OrchestrationStep>? Steps)
{
    /// <summary>True once it completed, failed or was terminated.</summary>
    public bool IsFinished => RuntimeStatus is "Completed" or "Failed" or "Terminated";
}

/// <summary>Why an instance failed.</summary>
/// <param name="Code">The stable error code.</param>
/// <param name="Message">What went wrong.</param>
public sealed record OrchestrationError(string Code, string Message);

/// <summary>One attempt of one step.</summary>
/// <param name="Name">The activity.</param>
/// <param name="Attempt">Its attempt number.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="EndedAt">When it ended.</param>
/// <param name="DurationMs">How long it took.</param>
/// <param name="Outcome"><c>Succeeded</c> or <c>Failed</c>.</param>
/// <param name="Error">Its error.</param>
public sealed record OrchestrationStep(string Name, int Attempt, DateTimeOffset StartedAt, DateTimeOffset EndedAt, double DurationMs, string Outcome, string? Error);

/// <summary>Filters for listing orchestration instances; every one is optional.</summary>
public sealed record OrchestrationQuery
{
    /// <summary>Runtime statuses to include, e.g. <c>Running</c>, <c>Failed</c>.</summary>
    public IReadOnlyList<string>? RuntimeStatus { get; init; }

    /// <summary>The orchestration name (<c>claim</c>, <c>release</c>, <c>sync</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Only this tenant's instances.</summary>
    public string? TenantId { get; init; }

    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created at or before.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Instances per page (1-1000).</summary>
    public int? PageSize { get; init; }
}

internal sealed record OrchestrationPage(IReadOnlyList<OrchestrationInstance> Instances, string? ContinuationToken);

internal sealed record PurgeAnswer(int InstancesDeleted);
