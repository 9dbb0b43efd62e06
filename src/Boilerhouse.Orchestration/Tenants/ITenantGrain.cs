namespace Boilerhouse.Orchestration.Tenants;

/// <summary>
/// One tenant: owns its assignment and runs its orchestrations one at a time, so a tenant can never
/// hold two containers or release while it claims.
/// </summary>
public interface ITenantGrain : IGrainWithStringKey
{
    Task<TenantCallResult<ClaimResult>> ClaimAsync(ClaimCommand command);

    Task<TenantCallResult<ReleaseResult>> ReleaseAsync();

    Task<TenantState> GetStateAsync();
}

[GenerateSerializer, Immutable]
public sealed record ReleaseResult(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string PoolId,
    [property: Id(2)] string ContainerId,
    [property: Id(3)] DateTimeOffset ReleasedAt);
