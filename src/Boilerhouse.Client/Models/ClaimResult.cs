namespace Boilerhouse.Client.Models;

/// <summary>A container handed to a tenant.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="PoolId">The pool it came from.</param>
/// <param name="ContainerId">The Docker container id.</param>
/// <param name="Endpoints">How to reach it.</param>
/// <param name="ClaimedAt">When it was handed over.</param>
/// <param name="InstanceId">The claim orchestration that handed it over.</param>
/// <param name="Existing">True when the tenant already held it (a repeated claim).</param>
/// <param name="AccessToken">Lets the tenant's traffic through <c>/t/{tenantId}/</c> (the routing proxy) until <paramref name="AccessTokenExpiresAt"/>.</param>
/// <param name="AccessTokenExpiresAt">When the access token stops working; claim again for a new one.</param>
/// <param name="Rotated">What the claim rotated (e.g. secrets), when it rotated anything.</param>
public sealed record ClaimResult(
    string TenantId, string PoolId, string ContainerId, ContainerEndpoints Endpoints, DateTimeOffset ClaimedAt, string? InstanceId, bool Existing,
    string? AccessToken = null, DateTimeOffset? AccessTokenExpiresAt = null, IReadOnlyList<string>? Rotated = null);
