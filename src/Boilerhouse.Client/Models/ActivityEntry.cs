namespace Boilerhouse.Client.Models;

/// <summary>One line of the activity log.</summary>
/// <param name="Id">The event's id.</param>
/// <param name="Time">When it happened.</param>
/// <param name="Type">The event type.</param>
/// <param name="PoolId">Its pool.</param>
/// <param name="TenantId">Its tenant.</param>
/// <param name="ContainerId">Its container.</param>
/// <param name="HostId">Its host.</param>
/// <param name="Sentence">What happened, as a sentence.</param>
public sealed record ActivityEntry(long Id, DateTimeOffset Time, string Type, string? PoolId, string? TenantId, string? ContainerId, string? HostId, string Sentence);

/// <summary>Filters for the activity log; every one is optional.</summary>
public sealed record ActivityQuery
{
    /// <summary>Only this pool.</summary>
    public string? PoolId { get; init; }

    /// <summary>Only this tenant.</summary>
    public string? TenantId { get; init; }

    /// <summary>Event types or families.</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>At or after.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>At or before.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Entries per page (1-1000).</summary>
    public int? PageSize { get; init; }
}

internal sealed record ActivityPage(IReadOnlyList<ActivityEntry> Entries, string? Next);
