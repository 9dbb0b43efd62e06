using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Pools;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Apis;

/// <summary>Pools and their containers, as their grains see them now.</summary>
public static class PoolsApi
{
    public static RouteGroupBuilder MapPoolsApiV1(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/pools").WithTags("Pools");
        group.MapGet("/", ListAsync).ProducesProblems();
        group.MapGet("/{poolId}", GetAsync).ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.PoolNotFound);
        group.MapGet("/{poolId}/containers", GetContainersAsync).ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.PoolNotFound);
        group.MapPoolControlV1();
        group.MapPoolDeclarationsV1();
        return group;
    }

    public static async Task<Ok<List<PoolResponse>>> ListAsync(WorkloadCatalog workloads, IGrainFactory grains)
    {
        var snapshots = await Task.WhenAll(workloads.Workloads.Select(w => grains.GetGrain<IPoolGrain>(w.Id).GetSnapshotAsync()));
        return TypedResults.Ok(workloads.Workloads.Zip(snapshots, PoolResponse.From).ToList());
    }

    public static async Task<Ok<PoolResponse>> GetAsync(string poolId, WorkloadCatalog workloads, IGrainFactory grains)
    {
        var spec = Find(poolId, workloads);
        return TypedResults.Ok(PoolResponse.From(spec, await grains.GetGrain<IPoolGrain>(spec.Id).GetSnapshotAsync()));
    }

    public static async Task<Ok<IReadOnlyList<PoolContainerView>>> GetContainersAsync(string poolId, WorkloadCatalog workloads, IGrainFactory grains)
    {
        var spec = Find(poolId, workloads);
        var snapshot = await grains.GetGrain<IPoolGrain>(spec.Id).GetSnapshotAsync();
        return TypedResults.Ok(snapshot.Containers);
    }

    private static WorkloadSpec Find(string poolId, WorkloadCatalog workloads)
    {
        ResourceId.Require(poolId, "pool");
        return workloads.GetPool(poolId);
    }
}

public sealed record PoolResponse(
    string Id, string Name, string WorkloadId, string Image, int MinSize, int MaxSize, TimeSpan IdleTimeout,
    int Warm, int Claimed, int Starting, int Unhealthy, int Total, string? LastError, DateTimeOffset? LastErrorAt, bool Paused,
    int Waiting)
{
    public static PoolResponse From(WorkloadSpec spec, PoolSnapshot s) => new(
        spec.Id, spec.Name, spec.WorkloadId, spec.Image, spec.Pool.MinSize, spec.Pool.MaxSize, spec.Pool.IdleTimeout,
        s.Warm, s.Claimed, s.Starting, s.Unhealthy, s.Total, s.LastError, s.LastErrorAt, s.Paused, s.Waiting);
}
