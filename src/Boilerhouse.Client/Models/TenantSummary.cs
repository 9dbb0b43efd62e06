namespace Boilerhouse.Client.Models;

/// <summary>A tenant that holds a container (claimed, releasing or lost), as the tenants list shows it.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Status"><c>claimed</c>, <c>releasing</c> or <c>lost</c>.</param>
/// <param name="PoolId">The pool of its container.</param>
/// <param name="ContainerName">Its container's name.</param>
/// <param name="ContainerId">Its container's Docker id.</param>
/// <param name="ClaimedAt">When it claimed.</param>
/// <param name="LastActivityAt">The last claim or activity report.</param>
/// <param name="LastInstanceId">Its latest orchestration.</param>
/// <param name="Endpoints">How to reach its container.</param>
/// <param name="LastSync">Its latest sync run; null when none ran yet.</param>
public sealed record TenantSummary(
    string TenantId, string Status, string PoolId, string ContainerName, string ContainerId, DateTimeOffset ClaimedAt,
    DateTimeOffset LastActivityAt, string? LastInstanceId, ContainerEndpoints Endpoints, SyncRun? LastSync);

/// <summary>One recorded sync run.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="InstanceId">The orchestration that ran it.</param>
/// <param name="Trigger">What started it (<c>manual</c>, <c>periodic</c>, <c>release</c>, ...).</param>
/// <param name="Direction">Which way it moved state.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Succeeded">True when it succeeded.</param>
/// <param name="FilesTransferred">Files moved.</param>
/// <param name="FilesSkipped">Files already in place.</param>
/// <param name="FilesDeleted">Files deleted at the destination.</param>
/// <param name="BytesTransferred">Bytes moved.</param>
/// <param name="ErrorCode">Why it failed: the error's code.</param>
/// <param name="Error">Why it failed, as a sentence.</param>
public sealed record SyncRun(
    string TenantId, string? InstanceId, string Trigger, string Direction, DateTimeOffset StartedAt, DateTimeOffset FinishedAt,
    bool Succeeded, int FilesTransferred, int FilesSkipped, int FilesDeleted, long BytesTransferred, string? ErrorCode, string? Error);

/// <summary>Filters for the tenants list; every one is optional.</summary>
public sealed record TenantQuery
{
    /// <summary>Only tenants holding a container of this pool.</summary>
    public string? PoolId { get; init; }

    /// <summary>Only tenants in this status: <c>claimed</c>, <c>releasing</c> or <c>lost</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Tenants per page (1-500, default 100).</summary>
    public int? PageSize { get; init; }
}

internal sealed record TenantPage(IReadOnlyList<TenantSummary> Tenants, string? Next);
