using Boilerhouse.Core.Containers;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Tenants;

/// <summary>What a tenant holds right now, as the API shows it.</summary>
[GenerateSerializer, Immutable]
public sealed record TenantState(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Status,
    [property: Id(2)] string? PoolId,
    [property: Id(3)] string? ContainerId,
    [property: Id(4)] ContainerEndpoints? Endpoints,
    [property: Id(5)] DateTimeOffset? ClaimedAt,
    [property: Id(6)] DateTimeOffset? LastActivityAt,
    [property: Id(7)] string? LastInstanceId)
{
    public const string Unclaimed = "unclaimed";

    public bool Assigned => Status != Unclaimed;

    public static TenantState From(string tenantId, TenantRecord? record, string? lastInstanceId) => record is null
        ? new TenantState(tenantId, Unclaimed, null, null, null, null, null, lastInstanceId)
        : new TenantState(tenantId, record.Status.ToString().ToLowerInvariant(), record.PoolId, record.ContainerId,
            Pools.PoolEndpoints.Parse(record.EndpointsJson), record.ClaimedAt, record.LastActivityAt, record.LastInstanceId);
}
