using System.Text.Json;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Sync;
using Boilerhouse.Orchestration.Tenants;
using Boilerhouse.Sync;

namespace Boilerhouse.Functions.Apis;

/// <summary>Claim, release and status of a tenant's container.</summary>
public static class TenantsApi
{
    public static RouteGroupBuilder MapTenantsApiV1(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tenants/{tenantId}").WithTags("Tenants");
        group.MapPost("/claim", ClaimAsync);
        group.MapPost("/release", ReleaseAsync);
        group.MapPost("/sync", SyncAsync);
        group.MapGet("/status", GetStatusAsync);
        group.MapPost("/activity", ReportActivityAsync);
        return group;
    }

    public static async Task<IResult> ClaimAsync(string tenantId, HttpContext http, WorkloadCatalog workloads, IGrainFactory grains)
    {
        ResourceId.Require(tenantId, "tenant");
        var command = await ClaimRequestReader.ReadAsync(http.Request, tenantId, workloads, http.RequestAborted);
        var instanceId = CheckStatus.InstanceIdFor(http, tenantId, ClaimOrchestration.Name);
        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        var outcome = await CheckStatus.WaitIfAskedAsync(http, tenant, await tenant.StartClaimAsync(command, instanceId));
        return CheckStatus.Respond(http, outcome, json =>
        {
            var claim = JsonSerializer.Deserialize<ClaimResult>(json, JsonDefaults.Options)!;
            return new ClaimResponse(claim.TenantId, claim.PoolId, claim.ContainerId, claim.Endpoints, claim.ClaimedAt, outcome.InstanceId, claim.Existing);
        });
    }

    public static async Task<IResult> ReleaseAsync(string tenantId, HttpContext http, IGrainFactory grains)
    {
        ResourceId.Require(tenantId, "tenant");
        var instanceId = CheckStatus.InstanceIdFor(http, tenantId, ReleaseOrchestration.Name);
        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        if (await tenant.StartReleaseAsync(instanceId) is not { } started)
        {
            return Problems.For(http, ErrorCodes.TenantNotFound, $"Tenant '{tenantId}' holds no container.");
        }

        var outcome = await CheckStatus.WaitIfAskedAsync(http, tenant, started);
        return CheckStatus.Respond(http, outcome, json =>
        {
            var release = JsonSerializer.Deserialize<ReleaseResult>(json, JsonDefaults.Options)!;
            return new ReleaseResponse(release.TenantId, release.PoolId, release.ContainerId, release.ReleasedAt, outcome.InstanceId);
        });
    }

    /// <summary>Uploads and/or downloads the tenant's state now, as a sync orchestration queued behind its others.</summary>
    public static async Task<IResult> SyncAsync(string tenantId, HttpContext http, WorkloadCatalog workloads, IGrainFactory grains)
    {
        ResourceId.Require(tenantId, "tenant");
        var direction = await SyncRequestReader.ReadDirectionAsync(http.Request, http.RequestAborted);
        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        var state = await tenant.GetStateAsync();
        if (state.PoolId is null)
        {
            return Problems.For(http, ErrorCodes.TenantNotFound, $"Tenant '{tenantId}' holds no container.");
        }

        if (ManualSyncRefusal.For(workloads, state.PoolId) is { } refusal)
        {
            return Problems.For(http, refusal);
        }

        var instanceId = CheckStatus.InstanceIdFor(http, tenantId, SyncOrchestration.Name);
        if (await tenant.StartSyncAsync(new SyncCommand(direction, SyncTrigger.Manual), instanceId) is not { } started)
        {
            return Problems.For(http, ErrorCodes.TenantNotFound, $"Tenant '{tenantId}' holds no container.");
        }

        var outcome = await CheckStatus.WaitIfAskedAsync(http, tenant, started);
        return CheckStatus.Respond(http, outcome, json => JsonSerializer.Deserialize<SyncSummary>(json, JsonDefaults.Options)!);
    }

    /// <summary>The tenant's app says it is in use: its idle timeout starts again.</summary>
    public static async Task<IResult> ReportActivityAsync(string tenantId, HttpContext http, IGrainFactory grains)
    {
        ResourceId.Require(tenantId, "tenant");
        return await grains.GetGrain<ITenantGrain>(tenantId).TouchAsync()
            ? TypedResults.NoContent()
            : Problems.For(http, ErrorCodes.TenantNotFound, $"Tenant '{tenantId}' holds no container.");
    }

    public static async Task<IResult> GetStatusAsync(
        string tenantId, IGrainFactory grains, ContainerLocator locator, SyncHistory syncHistory, CancellationToken cancellationToken)
    {
        ResourceId.Require(tenantId, "tenant");
        var state = await grains.GetGrain<ITenantGrain>(tenantId).GetStateAsync();
        // Which host runs the container, and whether that host is up: a tenant on a dead host waits for it.
        var hostId = state.ContainerId is { } containerId ? await locator.FindHostAsync(containerId, cancellationToken) : null;
        var host = hostId is null ? null : await grains.GetGrain<IHostRegistryGrain>(HostRegistryGrain.Key).GetAsync(hostId);
        return TypedResults.Ok(new TenantStatusResponse(state.TenantId, state.Assigned, state.Status, state.PoolId, state.ContainerId,
            state.Endpoints, state.ClaimedAt, state.LastActivityAt, state.LastInstanceId,
            hostId, host?.Status.ToString().ToLowerInvariant(), await syncHistory.ForTenantAsync(tenantId, cancellationToken)));
    }
}

public sealed record ClaimResponse(
    string TenantId, string PoolId, string ContainerId, ContainerEndpoints Endpoints, DateTimeOffset ClaimedAt, string? InstanceId, bool Existing);

public sealed record ReleaseResponse(string TenantId, string PoolId, string ContainerId, DateTimeOffset ReleasedAt, string InstanceId);

public sealed record TenantStatusResponse(
    string TenantId, bool Assigned, string Status, string? PoolId, string? ContainerId, ContainerEndpoints? Endpoints,
    DateTimeOffset? ClaimedAt, DateTimeOffset? LastActivityAt, string? LastInstanceId,
    string? HostId, string? HostStatus, TenantSyncStatus Sync);
