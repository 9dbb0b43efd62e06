using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Pools;
using Boilerhouse.Orchestration.Workloads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Creating, replacing and deleting pools: each is an entry of its workload's <c>x-boilerhouse.pools</c>,
/// written back into the workload file and rolled out at once. ETag / If-Match are the workload's.
/// </summary>
public static class PoolDeclarationsApi
{
    public static void MapPoolDeclarationsV1(this RouteGroupBuilder group)
    {
        group.MapPost("/", CreateAsync).Accepts<PoolBody>("application/json")
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.InvalidRequest, ErrorCodes.InvalidWorkloadSpec, ErrorCodes.PayloadTooLarge,
                WorkloadErrorCodes.WorkloadNotFound, WorkloadErrorCodes.PoolExists, WorkloadErrorCodes.PreconditionFailed);
        group.MapPut("/{poolId}", ReplaceAsync).Accepts<PoolBody>("application/json")
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.InvalidRequest, ErrorCodes.InvalidWorkloadSpec, ErrorCodes.PayloadTooLarge,
                ErrorCodes.PoolNotFound, WorkloadErrorCodes.PreconditionFailed);
        group.MapDelete("/{poolId}", DeleteAsync)
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.PoolNotFound, WorkloadErrorCodes.PoolInUse, WorkloadErrorCodes.LastPool,
                WorkloadErrorCodes.PreconditionFailed);
    }

    public static async Task<Results<Created<PoolResponse>, ProblemHttpResult>> CreateAsync(
        HttpContext http, WorkloadFolder folder, WorkloadCatalog workloads, IGrainFactory grains)
    {
        var (workloadId, pool) = await PoolRequestReader.ReadAsync(http.Request, null, http.RequestAborted);
        var change = await folder.AddPoolAsync(workloadId!, pool, WorkloadsApi.IfMatch(http), http.RequestAborted);
        if (change.Workload is not { } workload)
        {
            return WorkloadsApi.Refused(http, change);
        }

        http.Response.Headers.ETag = workload.ETag;
        return TypedResults.Created($"/api/v1/pools/{pool.Id}", await ResponseAsync(pool.Id, workloads, grains));
    }

    public static async Task<Results<Ok<PoolResponse>, ProblemHttpResult>> ReplaceAsync(
        string poolId, HttpContext http, WorkloadFolder folder, WorkloadCatalog workloads, IGrainFactory grains)
    {
        ResourceId.Require(poolId, "pool");
        var (_, pool) = await PoolRequestReader.ReadAsync(http.Request, poolId, http.RequestAborted);
        var change = await folder.ReplacePoolAsync(pool, WorkloadsApi.IfMatch(http), http.RequestAborted);
        if (change.Workload is not { } workload)
        {
            return WorkloadsApi.Refused(http, change);
        }

        http.Response.Headers.ETag = workload.ETag;
        return TypedResults.Ok(await ResponseAsync(poolId, workloads, grains));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string poolId, bool? force, HttpContext http, WorkloadFolder folder)
    {
        ResourceId.Require(poolId, "pool");
        var change = await folder.DeletePoolAsync(poolId, WorkloadsApi.IfMatch(http), force ?? false, http.RequestAborted);
        return change.ErrorCode is null ? TypedResults.NoContent() : WorkloadsApi.Refused(http, change);
    }

    private static async Task<PoolResponse> ResponseAsync(string poolId, WorkloadCatalog workloads, IGrainFactory grains)
    {
        var spec = workloads.GetPool(poolId);
        return PoolResponse.From(spec, await grains.GetGrain<IPoolGrain>(poolId).GetSnapshotAsync());
    }
}

/// <summary>The body of POST /api/v1/pools and PUT /api/v1/pools/{id}, for the OpenAPI document (id and workload only on POST).</summary>
public sealed record PoolBody(
    [property: System.Text.Json.Serialization.JsonPropertyName("id")] string? Id,
    [property: System.Text.Json.Serialization.JsonPropertyName("workload")] string? Workload,
    [property: System.Text.Json.Serialization.JsonPropertyName("min_size")] int? MinSize,
    [property: System.Text.Json.Serialization.JsonPropertyName("max_size")] int? MaxSize,
    [property: System.Text.Json.Serialization.JsonPropertyName("idle_timeout")] string? IdleTimeout,
    [property: System.Text.Json.Serialization.JsonPropertyName("placement")] PoolPlacementBody? Placement);

/// <summary>The labels a Docker host must carry to run the pool's containers.</summary>
public sealed record PoolPlacementBody([property: System.Text.Json.Serialization.JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels);
