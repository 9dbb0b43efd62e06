using Microsoft.AspNetCore.Mvc;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// What every tenant starter (claim, release, sync) reads besides its body. Values stay text here
/// so that <see cref="CheckStatus"/> answers a bad one with a precise problem, not a binding error.
/// </summary>
public sealed record StarterRequest(
    [FromRoute(Name = "tenantId")] string TenantId,
    [FromQuery(Name = "waitMs")] string? WaitMs,
    [FromQuery(Name = "instanceId")] string? InstanceId,
    [FromHeader(Name = "Idempotency-Key")] string? IdempotencyKey,
    HttpContext Http);
