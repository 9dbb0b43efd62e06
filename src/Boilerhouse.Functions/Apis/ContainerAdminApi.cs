using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration;
using Boilerhouse.Orchestration.Admin;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;
using Boilerhouse.Orchestration.Resources;
using Boilerhouse.Orchestration.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// The containers of this installation for operators: list (from the pools' records), one container
/// in detail (record, Docker's view, its workload's spec; never environment values or secrets) and
/// force-removal (a held container goes through its tenant's release, state saved unless ?save=false).
/// </summary>
public static class ContainerAdminApi
{
    private static readonly Dictionary<string, ContainerStatus> States = Enum.GetValues<ContainerStatus>()
        .ToDictionary(s => s.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    public static RouteGroupBuilder MapContainerAdminApiV1(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/containers").WithTags("Containers");
        group.MapGet("/", ListAsync)
            .WithDescription("Containers as their pools recorded them: ?poolId, ?hostId, ?state (starting, warm, claimed, unhealthy, removing), ?tenantId, ?limit (1-500), ?after (the previous page's next).")
            .ProducesProblems(ErrorCodes.InvalidRequest, ErrorCodes.InvalidId);
        group.MapGet("/{containerId}", GetAsync)
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.ContainerNotFound, ErrorCodes.DockerUnavailable);
        group.MapDelete("/{containerId}", RemoveAsync)
            .WithDescription("Force-removes a container. One a tenant holds is released first (its state saved unless ?save=false); ?waitMs waits for that release.")
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.InvalidRequest, ErrorCodes.ContainerNotFound, ErrorCodes.DockerUnavailable,
                ErrorCodes.TenantBusy, ErrorCodes.SinkUnavailable, ErrorCodes.SyncFailed);
        return group;
    }

    public static async Task<Ok<ContainerPage>> ListAsync(HttpContext http, ContainerListStore store, [AsParameters] ContainerListRequest request)
    {
        var query = new ContainerListQuery(
            Id(request.PoolId, "pool"),
            Id(request.HostId, "host"),
            ListPage.OneOf("state", request.State, States),
            Id(request.TenantId, "tenant"),
            string.IsNullOrEmpty(request.After) ? null : ContainerReference.Require(request.After),
            ListPage.Limit(request.Limit));
        var page = await store.ListAsync(query, http.RequestAborted);
        return TypedResults.Ok(new ContainerPage(page.Select(ContainerListItem.From).ToList(), ListPage.Next(page, query.Limit, c => c.Name)));
    }

    public static async Task<Results<Ok<ContainerDetail>, ProblemHttpResult>> GetAsync(
        string containerId, HttpContext http, ContainerListStore store, ManagedContainerFinder finder, DockerHosts hosts, WorkloadCatalog workloads)
    {
        ContainerReference.Require(containerId);
        var cancellationToken = http.RequestAborted;
        var record = await store.FindAsync(containerId, cancellationToken);
        var managed = record is null ? await finder.FindAsync(containerId, cancellationToken) : null;
        if (record is null && managed is null)
        {
            return NotManaged(http, containerId);
        }

        var name = record?.Name ?? managed!.Name;
        var hostId = string.IsNullOrEmpty(record?.HostId) ? managed?.HostId : record.HostId;
        var docker = hostId is null ? null : await InspectAsync(hosts, hostId, record?.ContainerId ?? name, cancellationToken);
        var poolId = record?.PoolId ?? managed!.PoolId;
        var spec = workloads.TryGet(poolId, out var found) ? found : null;
        return TypedResults.Ok(new ContainerDetail(
            name, record?.ContainerId ?? docker?.Id, poolId, record?.WorkloadId ?? poolId, hostId,
            record?.Status.ToString().ToLowerInvariant(), record?.TenantId, record?.CreatedAt, record?.ReadyAt, record?.ClaimedAt,
            docker is null ? PoolEndpoints.Parse(record?.EndpointsJson) : docker.Endpoints,
            docker is null ? null : DockerView.From(docker),
            docker?.HealthLog ?? [],
            docker?.Labels ?? new Dictionary<string, string>(),
            docker?.Mounts.Select(m => ContainerVolume.From(m, spec)).ToList() ?? [],
            spec is null ? null : SpecSummary.From(spec)));
    }

    public static async Task<Results<Ok<ContainerRemovalResponse>, Accepted<CheckStatusLinks>, ProblemHttpResult>> RemoveAsync(
        string containerId, HttpContext http, ContainerRemover remover, IGrainFactory grains,
        [FromQuery(Name = "save")] string? save, [FromQuery(Name = "waitMs")] string? waitMs)
    {
        ContainerReference.Require(containerId);
        var saveState = save switch
        {
            null or "" or "true" => true,
            "false" => false,
            _ => throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"save must be true or false, got '{ListPage.Shorten(save)}'."),
        };
        CheckStatus.RequireWaitMs(waitMs);
        if (await remover.RemoveAsync(containerId, saveState, http.RequestAborted) is not { } removal)
        {
            return NotManaged(http, containerId);
        }

        if (removal is not { Release: { } started, TenantId: { } tenantId })
        {
            return TypedResults.Ok(new ContainerRemovalResponse(removal.ContainerName, removal.PoolId, null, null, Released: false, SyncSkipped: false));
        }

        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        var outcome = await CheckStatus.WaitIfAskedAsync(new StarterRequest(tenantId, waitMs, null, null, http), tenant, started);
        return CheckStatus.Respond(http, outcome, json =>
        {
            var release = System.Text.Json.JsonSerializer.Deserialize<ReleaseResult>(json, JsonDefaults.Options)!;
            return new ContainerRemovalResponse(removal.ContainerName, removal.PoolId, tenantId, outcome.InstanceId, Released: true, release.SyncSkipped);
        });
    }

    private static async Task<ContainerInfo?> InspectAsync(DockerHosts hosts, string hostId, string idOrName, CancellationToken cancellationToken)
    {
        try
        {
            return await hosts.Runtime(hostId).InspectAsync(idOrName, cancellationToken);
        }
        catch (ContainerRuntimeUnavailableException)
        {
            // The record still answers while its host is down; "docker": null says Docker's view is missing.
            return null;
        }
    }

    private static string? Id(string? raw, string kind) => string.IsNullOrEmpty(raw) ? null : ResourceId.Require(raw, kind);

    private static ProblemHttpResult NotManaged(HttpContext http, string containerId) =>
        Problems.For(http, ErrorCodes.ContainerNotFound,
            $"Container '{containerId}' is not a container of this Boilerhouse installation; GET /api/v1/containers lists them.");
}

/// <summary>The containers list's query string.</summary>
public sealed record ContainerListRequest(
    [FromQuery(Name = "poolId")] string? PoolId,
    [FromQuery(Name = "hostId")] string? HostId,
    [FromQuery(Name = "state")] string? State,
    [FromQuery(Name = "tenantId")] string? TenantId,
    [FromQuery(Name = "limit")] string? Limit,
    [FromQuery(Name = "after")] string? After);
