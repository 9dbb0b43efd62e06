using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Sync;
using Boilerhouse.Orchestration.Tenants;
using Boilerhouse.Sync;
using Boilerhouse.Sync.Integrity;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// POST /api/v1/tenants/{tenantId}/verify (operator): reads the tenant's saved objects and compares
/// them with its manifests, answering what is missing or differs. Changes nothing. The pool is the
/// one the tenant holds a container of, or ?poolId= (needed once the tenant has released).
/// </summary>
public static class StateVerifyApi
{
    public static RouteHandlerBuilder MapStateVerifyApiV1(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/tenants/{tenantId}/verify", VerifyAsync)
            .WithTags("Tenants")
            .Produces<StateReport>()
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.InvalidRequest, ErrorCodes.PoolNotFound, ErrorCodes.SyncNotConfigured, ErrorCodes.SinkUnavailable);

    public static async Task<IResult> VerifyAsync(
        string tenantId, string? poolId, HttpContext http, WorkloadCatalog workloads, IGrainFactory grains, StateVerifier verifier)
    {
        ResourceId.Require(tenantId, "tenant");
        var pool = poolId ?? (await grains.GetGrain<ITenantGrain>(tenantId).GetStateAsync()).PoolId;
        if (pool is null)
        {
            return Problems.For(http, ErrorCodes.InvalidRequest,
                $"Tenant '{tenantId}' holds no container: name the pool whose sink to verify with ?poolId=.");
        }

        ResourceId.Require(pool, "pool");
        if (!workloads.TryGet(pool, out var spec))
        {
            return Problems.For(http, ErrorCodes.PoolNotFound, $"Pool '{pool}' does not exist.");
        }

        if (spec.Sync is null)
        {
            return Problems.For(http, ErrorCodes.SyncNotConfigured, $"Pool '{pool}' saves no tenant state: its workload has no sync block.");
        }

        var report = await verifier.VerifyAsync(spec.Sync, new SyncScope(tenantId, pool, spec.WorkloadId), http.RequestAborted);
        return TypedResults.Ok(report);
    }
}
