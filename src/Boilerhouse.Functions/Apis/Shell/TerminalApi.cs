using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Resources;
using Boilerhouse.Orchestration.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Apis;

/// <summary>Terminals over WebSocket: a tenant's own container (tenant keys), any managed container (operators).</summary>
public static class TerminalApi
{
    private const string Protocol = "A WebSocket upgrade (?cols=, ?rows=, ?cmd= repeated; default /bin/sh 80x24). Binary frames carry raw input and output; "
        + "text frames {\"type\":\"input\",\"data\":...} and {\"type\":\"resize\",\"cols\":N,\"rows\":N} go in, {\"type\":\"exit\",\"exitCode\":N} comes out before a normal close.";

    public static IEndpointRouteBuilder MapTerminalApiV1(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/tenants/{tenantId}/terminal", TenantTerminalAsync).WithTags("Tenants").WithDescription(Protocol)
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.InvalidRequest, ErrorCodes.TenantNotFound, ErrorCodes.ContainerNotFound,
                ErrorCodes.DockerUnavailable, ErrorCodes.ContainerFailed);
        app.MapGet("/api/v1/containers/{containerId}/terminal", ContainerTerminalAsync).WithTags("Containers").WithDescription(Protocol)
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.InvalidRequest, ErrorCodes.ContainerNotFound, ErrorCodes.DockerUnavailable, ErrorCodes.ContainerFailed);
        return app;
    }

    public static async Task<EmptyHttpResult> TenantTerminalAsync(
        string tenantId, HttpContext http, TenantStore tenants, ManagedContainerFinder finder, DockerHosts hosts, CommandLog log)
    {
        var target = await ShellTarget.OfTenantAsync(tenantId, tenants, finder, hosts, http.RequestAborted);
        await TerminalBridge.RunAsync(http, target, log);
        return TypedResults.Empty;
    }

    public static async Task<EmptyHttpResult> ContainerTerminalAsync(
        string containerId, HttpContext http, ManagedContainerFinder finder, DockerHosts hosts, CommandLog log)
    {
        var target = await ShellTarget.OfContainerAsync(containerId, finder, hosts, http.RequestAborted);
        await TerminalBridge.RunAsync(http, target, log);
        return TypedResults.Empty;
    }
}
