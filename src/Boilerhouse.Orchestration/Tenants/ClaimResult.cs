using Boilerhouse.Core.Containers;

namespace Boilerhouse.Orchestration.Tenants;

/// <summary>
/// What a tenant gets from a claim: its container and how to reach it (Existing: it held it already;
/// Rotated: what a repeated claim rewrote in it, "config" and/or "secrets", null when it sent neither).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClaimResult(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string PoolId,
    [property: Id(2)] string ContainerId,
    [property: Id(3)] string ContainerName,
    [property: Id(4)] ContainerEndpoints Endpoints,
    [property: Id(5)] DateTimeOffset ClaimedAt,
    [property: Id(6)] bool Existing = false,
    [property: Id(7)] IReadOnlyList<string>? Rotated = null);
