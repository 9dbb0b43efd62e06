using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Resources;
using Boilerhouse.Orchestration.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Apis;

/// <summary>Runs a command in a tenant's container and answers its output; every run goes into the command log.</summary>
public static class ExecApi
{
    public static IEndpointRouteBuilder MapExecApiV1(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/tenants/{tenantId}/exec", ExecAsync).WithTags("Tenants")
            .WithDescription("Runs {cmd: [...], timeoutSeconds? (1-600, default 30), env?, workdir?} in the tenant's container, no shell. "
                + "stdout and stderr are kept up to 1 MiB each (truncated says more came); at the deadline every process the command started is killed and timedOut is true.")
            .Accepts<ExecBody>("application/json")
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.InvalidRequest, ErrorCodes.PayloadTooLarge, ErrorCodes.TenantNotFound, ErrorCodes.ContainerNotFound,
                ErrorCodes.DockerUnavailable, ErrorCodes.ContainerFailed);
        return app;
    }

    public static async Task<Ok<ExecResponse>> ExecAsync(
        string tenantId, HttpContext http, TenantStore tenants, ManagedContainerFinder finder, DockerHosts hosts, CommandLog log)
    {
        var target = await ShellTarget.OfTenantAsync(tenantId, tenants, finder, hosts, http.RequestAborted);
        var request = await ExecRequest.ReadAsync(http.Request, http.RequestAborted);
        var started = log.Now;
        try
        {
            var result = await target.Shell.RunAsync(target.Container.Id, request.ToCommand(), http.RequestAborted);
            await log.RecordAsync(http, target, "exec", request.Cmd, started, result.ExitCode, result.TimedOut, null);
            return TypedResults.Ok(new ExecResponse(
                result.ExitCode, result.Stdout, result.Stderr, result.Truncated, result.TimedOut, (long)result.Duration.TotalMilliseconds));
        }
        catch (Exception ex) when (ex is BoilerhouseException or OperationCanceledException)
        {
            await log.RecordAsync(http, target, "exec", request.Cmd, started, null, false, ex is BoilerhouseException coded ? coded.Code : "cancelled by the client");
            throw;
        }
    }
}

/// <summary>The exec body as the OpenAPI document shows it.</summary>
public sealed record ExecBody(IReadOnlyList<string> Cmd, int? TimeoutSeconds, IReadOnlyDictionary<string, string>? Env, string? Workdir);

/// <summary>
/// How the command ended: <see cref="ExitCode"/> (null when the engine recorded none), its output as
/// UTF-8 text, <see cref="Truncated"/> when either stream went past 1 MiB, <see cref="TimedOut"/> when it was killed at the deadline.
/// </summary>
public sealed record ExecResponse(long? ExitCode, string Stdout, string Stderr, bool Truncated, bool TimedOut, long DurationMs);
