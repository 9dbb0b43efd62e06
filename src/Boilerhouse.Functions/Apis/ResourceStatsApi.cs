using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Pools;
using Boilerhouse.Orchestration.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Functions.Apis;

/// <summary>Resource use summed per pool and per Docker host, from the sampler's in-memory history.</summary>
public static class ResourceStatsApi
{
    public static IEndpointRouteBuilder MapResourceStatsApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/pools/{poolId}/stats", GetPoolStats).WithTags("Pools")
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.PoolNotFound);
        app.MapGet("/api/v1/hosts/{hostId}/stats", GetHostStats).WithTags("Hosts")
            .ProducesProblems(ErrorCodes.InvalidId, HostErrorCodes.HostNotFound);
        return app;
    }

    public static Ok<PoolStatsResponse> GetPoolStats(string poolId, WorkloadCatalog workloads, ResourceBook book, IOptions<ResourceOptions> options)
    {
        ResourceId.Require(poolId, "pool");
        var spec = workloads.GetPool(poolId);
        var history = book.PoolHistory(spec.Id);
        return TypedResults.Ok(new PoolStatsResponse(
            spec.Id, options.Value.SampleInterval.TotalSeconds, history.Count > 0 ? history[^1] : null, history,
            [.. book.InPool(spec.Id).Select(ContainerStatsSummary.From)]));
    }

    public static Results<Ok<HostStatsResponse>, ProblemHttpResult> GetHostStats(
        string hostId, HttpContext http, HostCatalog catalog, ResourceBook book, IOptions<ResourceOptions> options)
    {
        ResourceId.Require(hostId, "host");
        if (!catalog.TryGet(hostId, out _))
        {
            return Problems.For(http, HostErrorCodes.HostNotFound, $"Docker host '{hostId}' is not configured; GET /api/v1/hosts lists the hosts.");
        }

        var history = book.HostHistory(hostId);
        return TypedResults.Ok(new HostStatsResponse(
            hostId, options.Value.SampleInterval.TotalSeconds, history.Count > 0 ? history[^1] : null, history,
            book.LastSweep(hostId), [.. book.OnHost(hostId).Select(ContainerStatsSummary.From)]));
    }
}
