using System.Text.Json;

namespace Boilerhouse.Client.Models;

/// <summary>Where a tenant stands.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Assigned">True while it holds a container.</param>
/// <param name="Status"><c>claimed</c>, <c>releasing</c>, <c>lost</c> or <c>unclaimed</c>.</param>
/// <param name="PoolId">The pool of its container.</param>
/// <param name="ContainerId">Its container.</param>
/// <param name="Endpoints">How to reach its container.</param>
/// <param name="ClaimedAt">When it claimed.</param>
/// <param name="LastActivityAt">The last claim or activity report (the idle timeout counts from it).</param>
/// <param name="LastInstanceId">Its latest orchestration.</param>
/// <param name="HostId">The Docker host running its container.</param>
/// <param name="HostStatus">That host's health.</param>
/// <param name="Sync">Its state sync: last run, last success, pending, last error.</param>
public sealed record TenantStatus(
    string TenantId, bool Assigned, string Status, string? PoolId, string? ContainerId, ContainerEndpoints? Endpoints,
    DateTimeOffset? ClaimedAt, DateTimeOffset? LastActivityAt, string? LastInstanceId, string? HostId, string? HostStatus, JsonElement? Sync);
