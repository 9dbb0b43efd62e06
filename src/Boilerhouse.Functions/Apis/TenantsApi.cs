using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Functions.Apis;

/// <summary>Claim, release and status of a tenant's container.</summary>
public static class TenantsApi
{
    public static RouteGroupBuilder MapTenantsApiV1(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tenants/{tenantId}").WithTags("Tenants");
        group.MapPost("/claim", ClaimAsync);
        group.MapPost("/release", ReleaseAsync);
        group.MapGet("/status", GetStatusAsync);
        return group;
    }

    public static async Task<IResult> ClaimAsync(string tenantId, HttpContext http, WorkloadCatalog workloads, IGrainFactory grains)
    {
        ResourceId.Require(tenantId, "tenant");
        var command = await ClaimRequestReader.ReadAsync(http.Request, tenantId, workloads, http.RequestAborted);
        var result = await grains.GetGrain<ITenantGrain>(tenantId).ClaimAsync(command);
        if (!result.Succeeded)
        {
            return Problems.For(http, result.ErrorCode!, result.ErrorMessage!, new Dictionary<string, object?> { ["instanceId"] = result.InstanceId });
        }

        var claim = result.Output!;
        return TypedResults.Ok(new ClaimResponse(claim.TenantId, claim.PoolId, claim.ContainerId, claim.Endpoints,
            claim.ClaimedAt, result.InstanceId, result.Existing));
    }

    public static async Task<IResult> ReleaseAsync(string tenantId, HttpContext http, IGrainFactory grains)
    {
        ResourceId.Require(tenantId, "tenant");
        var result = await grains.GetGrain<ITenantGrain>(tenantId).ReleaseAsync();
        if (!result.Succeeded)
        {
            return Problems.For(http, result.ErrorCode!, result.ErrorMessage!, new Dictionary<string, object?> { ["instanceId"] = result.InstanceId });
        }

        var release = result.Output!;
        return TypedResults.Ok(new ReleaseResponse(release.TenantId, release.PoolId, release.ContainerId, release.ReleasedAt, result.InstanceId!));
    }

    public static async Task<IResult> GetStatusAsync(string tenantId, IGrainFactory grains)
    {
        ResourceId.Require(tenantId, "tenant");
        var state = await grains.GetGrain<ITenantGrain>(tenantId).GetStateAsync();
        return TypedResults.Ok(new TenantStatusResponse(state.TenantId, state.Assigned, state.Status, state.PoolId, state.ContainerId,
            state.Endpoints, state.ClaimedAt, state.LastActivityAt, state.LastInstanceId));
    }
}

public sealed record ClaimResponse(
    string TenantId, string PoolId, string ContainerId, ContainerEndpoints Endpoints, DateTimeOffset ClaimedAt, string? InstanceId, bool Existing);

public sealed record ReleaseResponse(string TenantId, string PoolId, string ContainerId, DateTimeOffset ReleasedAt, string InstanceId);

public sealed record TenantStatusResponse(
    string TenantId, bool Assigned, string Status, string? PoolId, string? ContainerId, ContainerEndpoints? Endpoints,
    DateTimeOffset? ClaimedAt, DateTimeOffset? LastActivityAt, string? LastInstanceId);
