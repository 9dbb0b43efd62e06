using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Functions.Apis;

/// <summary>One managed container's resource use and logs, by its Docker id or name.</summary>
public static class ContainersApi
{
    public static RouteGroupBuilder MapContainersApiV1(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/containers/{containerId}").WithTags("Containers");
        group.MapGet("/stats", GetStatsAsync)
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.ContainerNotFound, ErrorCodes.DockerUnavailable);
        group.MapGet("/logs", GetLogsAsync)
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.InvalidRequest, ErrorCodes.ContainerNotFound, ErrorCodes.DockerUnavailable, ErrorCodes.ContainerFailed);
        return group;
    }

    /// <summary>The latest sample and the history the sampler keeps; a container not sampled yet has neither.</summary>
    public static async Task<Results<Ok<ContainerStatsResponse>, ProblemHttpResult>> GetStatsAsync(
        string containerId, HttpContext http, ManagedContainerFinder finder, ResourceBook book, IOptions<ResourceOptions> options)
    {
        ContainerReference.Require(containerId);
        if (await finder.FindAsync(containerId, http.RequestAborted) is not { } container)
        {
            return NotManaged(http, containerId);
        }

        var history = book.Find(container.Id)?.History.ToList() ?? [];
        return TypedResults.Ok(new ContainerStatsResponse(
            container.Id, container.Name, container.PoolId, container.HostId, options.Value.SampleInterval.TotalSeconds,
            history.Count > 0 ? history[^1] : null, history));
    }

    /// <summary>The last lines as text, or followed as Server-Sent Events.</summary>
    public static async Task<Results<ContentHttpResult, ServerSentEventsResult<string>, ProblemHttpResult>> GetLogsAsync(
        string containerId, [AsParameters] LogsQuery query, HttpContext http, ManagedContainerFinder finder, DockerHosts hosts)
    {
        ContainerReference.Require(containerId);
        query.ReadTail();
        query.ReadFollow(http.Request);
        if (await finder.FindAsync(containerId, http.RequestAborted) is not { } container)
        {
            return NotManaged(http, containerId);
        }

        return await LogAnswers.AnswerAsync(hosts.Runtime(container.HostId), container.Id, query, http);
    }

    private static ProblemHttpResult NotManaged(HttpContext http, string containerId) =>
        Problems.For(http, ErrorCodes.ContainerNotFound,
            $"Container '{containerId}' is not a container of this Boilerhouse installation; GET /api/v1/pools/{{poolId}}/containers lists them.");
}
