using System.Text.Json;

namespace Boilerhouse.Client.Models;

/// <summary>Something that happened (a container claimed, a sync completed, a host unhealthy, ...).</summary>
/// <param name="Id">Its id; ids grow across the cluster, resume after one with it.</param>
/// <param name="Type">Its type, e.g. <c>container.claimed</c>.</param>
/// <param name="Time">When it happened.</param>
/// <param name="PoolId">The pool it concerns.</param>
/// <param name="TenantId">The tenant it concerns.</param>
/// <param name="ContainerId">The container it concerns.</param>
/// <param name="HostId">The Docker host it concerns.</param>
/// <param name="Payload">Type-specific details.</param>
public sealed record BoilerhouseEvent(
    long Id, string Type, DateTimeOffset Time, string? PoolId, string? TenantId, string? ContainerId, string? HostId, JsonElement Payload);

/// <summary>Which events to receive; every filter is optional.</summary>
public sealed record EventFilter
{
    /// <summary>Exact types or families (<c>container.claimed</c>, <c>sync.*</c>).</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>Only this pool's events.</summary>
    public string? PoolId { get; init; }

    /// <summary>Only this tenant's events.</summary>
    public string? TenantId { get; init; }

    /// <summary>Start after this event id: buffered events after it are replayed first.</summary>
    public long? LastEventId { get; init; }
}
