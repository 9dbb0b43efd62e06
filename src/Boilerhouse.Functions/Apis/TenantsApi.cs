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
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Apis;

/// <summary>Claim, release and status of a tenant's container.</summary>
public static class TenantsApi
{
    public static RouteGroupBuilder MapTenantsApiV1(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tenants/{tenantId}").WithTags("Tenants");
        group.MapPost("/claim", ClaimAsync)
            .Accepts<ClaimRequest>("application/json")
            .ProducesProblems(StarterProblems.Concat([
                ErrorCodes.InvalidConfig, ErrorCodes.InvalidSecrets, ErrorCodes.PoolNotFound, ErrorCodes.TenantAlreadyClaimed,
                OrchestrationErrorCodes.ClaimInterrupted, ErrorCodes.PoolExhausted, ErrorCodes.DockerUnavailable, ErrorCodes.ContainerFailed,
                ErrorCodes.ContainerUnhealthy, HostErrorCodes.ResourceLimitExceeded, ErrorCodes.SinkUnavailable, ErrorCodes.SyncFailed]).ToArray());
        group.MapPost("/release", ReleaseAsync)
            .Accepts<ReleaseRequest>(isOptional: true, "application/json")
            .ProducesProblems(StarterProblems.Concat([ErrorCodes.TenantNotFound, ErrorCodes.DockerUnavailable, ErrorCodes.SinkUnavailable, ErrorCodes.SyncFailed]).ToArray());
        group.MapPost("/sync", SyncAsync)
            .Accepts<SyncRequest>(isOptional: true, "application/json")
            .ProducesProblems(StarterProblems.Concat([
                ErrorCodes.TenantNotFound, ErrorCodes.SyncNotConfigured, ErrorCodes.ManualSyncNotAllowed,
                ErrorCodes.DockerUnavailable, ErrorCodes.SinkUnavailable, ErrorCodes.SyncFailed]).ToArray());
        group.MapGet("/status", GetStatusAsync).ProducesProblems(ErrorCodes.InvalidId);
        group.MapPost("/activity", ReportActivityAsync).ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.TenantNotFound);
        return group;
    }

    /// <summary>What any starter can answer: bad ids, query or body, an instance id used elsewhere, a busy or terminated instance.</summary>
    private static readonly string[] StarterProblems =
    [
        ErrorCodes.InvalidId, ErrorCodes.InvalidRequest, ErrorCodes.PayloadTooLarge, ErrorCodes.TenantBusy,
        OrchestrationErrorCodes.InstanceIdConflict, OrchestrationErrorCodes.Terminated,
    ];

    public static async Task<Results<Ok<ClaimResponse>, Accepted<CheckStatusLinks>, ProblemHttpResult>> ClaimAsync(
        [AsParameters] StarterRequest request, WorkloadCatalog workloads, IGrainFactory grains, Routing.RoutingTokens tokens)
    {
        ResourceId.Require(request.TenantId, "tenant");
        var http = request.Http;
        var command = await ClaimRequestReader.ReadAsync(http.Request, request.TenantId, workloads, http.RequestAborted);
        var instanceId = CheckStatus.InstanceIdFor(request, ClaimOrchestration.Name);
        var tenant = grains.GetGrain<ITenantGrain>(request.TenantId);
        var outcome = await tenant.StartClaimAsync(command, instanceId, CheckStatus.WaitFor(request));
        return CheckStatus.Respond(http, outcome, json =>
        {
            var claim = JsonSerializer.Deserialize<ClaimResult>(json, JsonDefaults.Options)!;
            var token = tokens.Issue(claim.TenantId);
            return new ClaimResponse(claim.TenantId, claim.PoolId, claim.ContainerId, claim.Endpoints, claim.ClaimedAt, outcome.InstanceId, claim.Existing,
                token.Token, token.ExpiresAt, claim.Rotated);
        });
    }

    public static async Task<Results<Ok<ReleaseResponse>, Accepted<CheckStatusLinks>, ProblemHttpResult>> ReleaseAsync(
        [AsParameters] StarterRequest request, IGrainFactory grains)
    {
        ResourceId.Require(request.TenantId, "tenant");
        var http = request.Http;
        var options = await ReleaseRequestReader.ReadAsync(http.Request, http.RequestAborted);
        var instanceId = CheckStatus.InstanceIdFor(request, ReleaseOrchestration.Name);
        var tenant = grains.GetGrain<ITenantGrain>(request.TenantId);
        if (await tenant.StartReleaseAsync(instanceId, options, CheckStatus.WaitFor(request)) is not { } outcome)
        {
            return HoldsNothing(http, request.TenantId);
        }

        return CheckStatus.Respond(http, outcome, json =>
        {
            var release = JsonSerializer.Deserialize<ReleaseResult>(json, JsonDefaults.Options)!;
            return new ReleaseResponse(release.TenantId, release.PoolId, release.ContainerId, release.ReleasedAt, outcome.InstanceId, release.SyncSkipped);
        });
    }

    /// <summary>Uploads and/or downloads the tenant's state now, as a sync orchestration queued behind its others.</summary>
    public static async Task<Results<Ok<SyncSummary>, Accepted<CheckStatusLinks>, ProblemHttpResult>> SyncAsync(
        [AsParameters] StarterRequest request, WorkloadCatalog workloads, IGrainFactory grains)
    {
        ResourceId.Require(request.TenantId, "tenant");
        var http = request.Http;
        var direction = await SyncRequestReader.ReadDirectionAsync(http.Request, http.RequestAborted);
        var tenant = grains.GetGrain<ITenantGrain>(request.TenantId);
        var state = await tenant.GetStateAsync();
        if (state.PoolId is null)
        {
            return HoldsNothing(http, request.TenantId);
        }

        if (ManualSyncRefusal.For(workloads, state.PoolId) is { } refusal)
        {
            return Problems.For(http, refusal);
        }

        var instanceId = CheckStatus.InstanceIdFor(request, SyncOrchestration.Name);
        if (await tenant.StartSyncAsync(new SyncCommand(direction, SyncTrigger.Manual), instanceId, CheckStatus.WaitFor(request)) is not { } outcome)
        {
            return HoldsNothing(http, request.TenantId);
        }

        return CheckStatus.Respond(http, outcome, json => JsonSerializer.Deserialize<SyncSummary>(json, JsonDefaults.Options)!);
    }

    /// <summary>The tenant's app says it is in use: its idle timeout starts again.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> ReportActivityAsync(string tenantId, HttpContext http, IGrainFactory grains)
    {
        ResourceId.Require(tenantId, "tenant");
        return await grains.GetGrain<ITenantGrain>(tenantId).TouchAsync()
            ? TypedResults.NoContent()
            : HoldsNothing(http, tenantId);
    }

    public static async Task<Ok<TenantStatusResponse>> GetStatusAsync(
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

    private static ProblemHttpResult HoldsNothing(HttpContext http, string tenantId) =>
        Problems.For(http, ErrorCodes.TenantNotFound, $"Tenant '{tenantId}' holds no container.");
}

/// <summary>A claimed container; <c>AccessToken</c> lets the tenant's traffic through /t/{tenantId}/ until <c>AccessTokenExpiresAt</c>.</summary>
public sealed record ClaimResponse(
    string TenantId, string PoolId, string ContainerId, ContainerEndpoints Endpoints, DateTimeOffset ClaimedAt, string? InstanceId, bool Existing,
    string AccessToken, DateTimeOffset AccessTokenExpiresAt, IReadOnlyList<string>? Rotated = null);

public sealed record ReleaseResponse(string TenantId, string PoolId, string ContainerId, DateTimeOffset ReleasedAt, string InstanceId, bool SyncSkipped);

public sealed record TenantStatusResponse(
    string TenantId, bool Assigned, string Status, string? PoolId, string? ContainerId, ContainerEndpoints? Endpoints,
    DateTimeOffset? ClaimedAt, DateTimeOffset? LastActivityAt, string? LastInstanceId,
    string? HostId, string? HostStatus, TenantSyncStatus Sync);
