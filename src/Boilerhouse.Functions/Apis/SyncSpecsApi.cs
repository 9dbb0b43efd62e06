using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Sync;
using Boilerhouse.Orchestration.Tenants;
using Boilerhouse.Sync;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// The sync specs (each workload's x-boilerhouse.sync; a spec's id is its workload's), their run
/// history, and a manual trigger that syncs every claimed tenant of the pool.
/// </summary>
public static class SyncSpecsApi
{
    private const int RecentRuns = 20;

    public static RouteGroupBuilder MapSyncSpecsApiV1(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sync-specs").WithTags("Sync");
        group.MapGet("/", List).ProducesProblems();
        group.MapGet("/{id}", Get).ProducesProblems(ErrorCodes.InvalidId, SyncErrorCodes.SyncSpecNotFound);
        group.MapGet("/{id}/status", GetStatusAsync).ProducesProblems(ErrorCodes.InvalidId, SyncErrorCodes.SyncSpecNotFound);
        group.MapPost("/{id}/trigger", TriggerAsync)
            .Accepts<SyncRequest>(isOptional: true, "application/json")
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.InvalidRequest, ErrorCodes.PayloadTooLarge, SyncErrorCodes.SyncSpecNotFound,
                ErrorCodes.SyncNotConfigured, ErrorCodes.ManualSyncNotAllowed);
        return group;
    }

    public static Ok<List<SyncSpecResponse>> List(WorkloadCatalog workloads) =>
        TypedResults.Ok(workloads.Workloads.Where(w => w.Sync is not null).Select(SyncSpecResponse.From).ToList());

    public static Results<Ok<SyncSpecResponse>, ProblemHttpResult> Get(string id, HttpContext http, WorkloadCatalog workloads) =>
        Find(id, workloads) is { } spec
            ? TypedResults.Ok(SyncSpecResponse.From(spec))
            : NotFound(http, id);

    public static async Task<Results<Ok<SyncSpecStatusResponse>, ProblemHttpResult>> GetStatusAsync(
        string id, HttpContext http, WorkloadCatalog workloads, SyncHistory history, TenantStore tenants,
        CancellationToken cancellationToken)
    {
        if (Find(id, workloads) is not { } spec)
        {
            return NotFound(http, id);
        }

        var claimed = await tenants.ClaimedAsync([spec.Id], cancellationToken);
        return TypedResults.Ok(new SyncSpecStatusResponse(spec.Id, claimed.Count, await history.ForPoolAsync(spec.Id, RecentRuns, cancellationToken)));
    }

    /// <summary>Starts a manual sync for every claimed tenant of the spec's pool; answers their instances.</summary>
    public static async Task<Results<Accepted<SyncTriggerResponse>, ProblemHttpResult>> TriggerAsync(
        string id, HttpContext http, WorkloadCatalog workloads, IGrainFactory grains, TenantStore tenantStore,
        CancellationToken cancellationToken)
    {
        if (Find(id, workloads) is not { } spec)
        {
            return NotFound(http, id);
        }

        if (ManualSyncRefusal.For(workloads, spec.Id) is { } refusal)
        {
            return Problems.For(http, refusal);
        }

        var direction = await SyncRequestReader.ReadDirectionAsync(http.Request, cancellationToken);
        var tenants = await tenantStore.ClaimedAsync([spec.Id], cancellationToken);
        var started = new List<TriggeredSync>(tenants.Count);
        foreach (var tenantId in tenants.Select(t => t.TenantId))
        {
            var instanceId = InstanceIds.New();
            if (await grains.GetGrain<ITenantGrain>(tenantId).StartSyncAsync(new SyncCommand(direction, SyncTrigger.Manual), instanceId, TimeSpan.Zero) is { } outcome)
            {
                started.Add(new TriggeredSync(tenantId, outcome.InstanceId, CheckStatus.Links(http, outcome.InstanceId).StatusQueryGetUri));
            }
        }

        return TypedResults.Accepted((string?)null, new SyncTriggerResponse(spec.Id, SyncSummary.Name(direction), started));
    }

    private static WorkloadSpec? Find(string id, WorkloadCatalog workloads) =>
        ResourceId.IsValid(id) && workloads.TryGet(id, out var spec) && spec.Sync is not null ? spec : null;

    private static ProblemHttpResult NotFound(HttpContext http, string id)
    {
        ResourceId.Require(id, "sync spec");
        return Problems.For(http, SyncErrorCodes.SyncSpecNotFound, $"No workload has a sync spec with id '{id}'.");
    }
}

/// <summary>A sync spec as the API shows it: the workload's x-boilerhouse.sync in the YAML's words.</summary>
public sealed record SyncSpecResponse(string Id, string PoolId, string WorkloadId, SyncSpecView Spec)
{
    public static SyncSpecResponse From(WorkloadSpec workload) => new(workload.Id, workload.Id, workload.WorkloadId, SyncSpecView.From(workload.Sync!));
}

public sealed record SyncSpecStatusResponse(string Id, int ClaimedTenants, PoolSyncStatus Sync);

public sealed record TriggeredSync(string TenantId, string InstanceId, string StatusQueryGetUri);

public sealed record SyncTriggerResponse(string Id, string Direction, IReadOnlyList<TriggeredSync> Started);
