using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Pools;
using Boilerhouse.Orchestration.Workloads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Operating a pool: scale (written back into its workload file, effective at once), pause and
/// resume refilling, drain its warm containers. Pause and drain live in memory: a restart resumes.
/// </summary>
public static class PoolControlApi
{
    public static void MapPoolControlV1(this RouteGroupBuilder group)
    {
        group.MapPost("/{poolId}/scale", ScaleAsync).Accepts<ScaleBody>("application/json")
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.InvalidRequest, ErrorCodes.InvalidWorkloadSpec, ErrorCodes.PayloadTooLarge,
                ErrorCodes.PoolNotFound, WorkloadErrorCodes.PreconditionFailed);
        group.MapPost("/{poolId}/pause", (string poolId, WorkloadCatalog workloads, IGrainFactory grains) => ChangeAsync(poolId, workloads, grains, g => g.PauseAsync()))
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.PoolNotFound);
        group.MapPost("/{poolId}/resume", (string poolId, WorkloadCatalog workloads, IGrainFactory grains) => ChangeAsync(poolId, workloads, grains, g => g.ResumeAsync()))
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.PoolNotFound);
        group.MapPost("/{poolId}/drain", (string poolId, WorkloadCatalog workloads, IGrainFactory grains) => ChangeAsync(poolId, workloads, grains, g => g.DrainAsync()))
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.PoolNotFound);
    }

    public static async Task<Results<Ok<PoolResponse>, ProblemHttpResult>> ScaleAsync(
        string poolId, HttpContext http, WorkloadFolder folder, IGrainFactory grains)
    {
        ResourceId.Require(poolId, "pool");
        var request = await ScaleRequest.ReadAsync(http.Request, http.RequestAborted);
        var change = await folder.ScaleAsync(poolId, request.MinSize, request.MaxSize, WorkloadsApi.IfMatch(http), http.RequestAborted);
        if (change.Workload is not { } workload)
        {
            return WorkloadsApi.Refused(http, change);
        }

        http.Response.Headers.ETag = workload.ETag;
        return TypedResults.Ok(PoolResponse.From(workload.Spec, await grains.GetGrain<IPoolGrain>(poolId).GetSnapshotAsync()));
    }

    private static async Task<Ok<PoolResponse>> ChangeAsync(string poolId, WorkloadCatalog workloads, IGrainFactory grains, Func<IPoolGrain, Task<PoolSnapshot>> change)
    {
        ResourceId.Require(poolId, "pool");
        var spec = workloads.GetPool(poolId);
        return TypedResults.Ok(PoolResponse.From(spec, await change(grains.GetGrain<IPoolGrain>(spec.Id))));
    }
}

/// <summary>The body of POST /api/v1/pools/{id}/scale, for the OpenAPI document.</summary>
public sealed record ScaleBody(
    [property: System.Text.Json.Serialization.JsonPropertyName("min_size")] int? MinSize,
    [property: System.Text.Json.Serialization.JsonPropertyName("max_size")] int? MaxSize);
