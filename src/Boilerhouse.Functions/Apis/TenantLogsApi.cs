using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Resources;
using Boilerhouse.Orchestration.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Apis;

/// <summary>A tenant's own container logs, for the tenant's key as for operators: found from its assignment, never from a container id it names.</summary>
public static class TenantLogsApi
{
    public static IEndpointRouteBuilder MapTenantLogsApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/tenants/{tenantId}/logs", GetLogsAsync).WithTags("Tenants")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.InvalidRequest, ErrorCodes.TenantNotFound, ErrorCodes.ContainerNotFound,
                ErrorCodes.DockerUnavailable, ErrorCodes.ContainerFailed);
        return app;
    }

    public static async Task<Results<ContentHttpResult, ServerSentEventsResult<string>, ProblemHttpResult>> GetLogsAsync(
        string tenantId, [AsParameters] LogsQuery query, HttpContext http, TenantStore tenants, ManagedContainerFinder finder, DockerHosts hosts)
    {
        ResourceId.Require(tenantId, "tenant");
        query.ReadTail();
        query.ReadFollow(http.Request);
        if (await tenants.LoadAsync(tenantId, http.RequestAborted) is not { ContainerId.Length: > 0 } assignment)
        {
            return Problems.For(http, ErrorCodes.TenantNotFound, $"Tenant '{tenantId}' holds no container.");
        }

        if (await finder.FindAsync(assignment.ContainerId, http.RequestAborted) is not { } container)
        {
            return Problems.For(http, ErrorCodes.ContainerNotFound,
                $"The container of tenant '{tenantId}' ({assignment.ContainerName}) no longer exists; a new claim provisions another.");
        }

        return await LogAnswers.AnswerAsync(hosts.Runtime(container.HostId), container.Id, query, http);
    }
}
