using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Docker;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Timers;
using Boilerhouse.Sync.Integrity;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Is the service usable: Docker hosts, database, workload files, sinks (a canary through each).
/// "degraded" (200) when some workload files are invalid, some Docker hosts or sinks do not answer,
/// or a sink alters what it stores; "unhealthy" (503) when no Docker
/// host or the database can be reached.
/// </summary>
public static class HealthApi
{
    public static RouteHandlerBuilder MapHealthApiV1(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/health", GetAsync).WithTags("Health")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblems();

    /// <summary>200 when healthy or degraded; 503 with the same body when unhealthy.</summary>
    public static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> GetAsync(
        DockerHosts hosts, DatabaseProbe databaseProbe, WorkloadCatalog workloads,
        IOptions<TimerOptions> timers, IGrainFactory grains, SinkHealthCheck sinkCheck, CancellationToken cancellationToken)
    {
        var sinkChecks = sinkCheck.CheckAsync(workloads.Workloads.Where(w => w.Sync is not null).Select(w => w.Sync!.Sink), cancellationToken);
        var docker = await CheckDockerAsync(hosts, cancellationToken);
        var database = await databaseProbe.CanConnectAsync(cancellationToken) ? "healthy" : "unavailable";
        var timerStates = await Task.WhenAll(timers.Value.All.Select(async t =>
        {
            var status = await grains.GetGrain<ITimerGrain>(t.Name).GetStatusAsync();
            return new TimerHealth(t.Name, t.Schedule, status.Runs, status.LastRunAt, status.LastDurationMs, status.LastError);
        }));
        var sinks = await sinkChecks;
        var status = docker.Status == "unavailable" || database != "healthy" ? "unhealthy"
            : workloads.HasErrors || docker.Status == "degraded" || sinks.Any(s => s.Status != "healthy") ? "degraded"
            : "healthy";
        var body = new HealthResponse(status, docker, database, new WorkloadHealth(
            workloads.Workloads.Select(w => w.Id).ToList(),
            workloads.Errors.Select(e => new WorkloadFileError(e.File, e.Line, e.Field, e.Message)).ToList()), timerStates, sinks);
        return status == "unhealthy"
            ? TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(body);
    }

    /// <summary>Every Docker host at once: healthy when all answer, degraded when some do, unavailable when none does.</summary>
    private static async Task<DockerHealth> CheckDockerAsync(DockerHosts hosts, CancellationToken cancellationToken)
    {
        var checks = await Task.WhenAll(hosts.Ids.Select(id => CheckHostAsync(id, hosts.Probe(id), cancellationToken)));
        var answering = checks.Count(h => h.Status == "healthy");
        var status = answering == checks.Length ? "healthy" : answering > 0 ? "degraded" : "unavailable";
        return new DockerHealth(status, checks);
    }

    private static async Task<DockerHostHealth> CheckHostAsync(string hostId, DockerHostProbe probe, CancellationToken cancellationToken)
    {
        try
        {
            var host = await probe.ProbeAsync(cancellationToken);
            return new DockerHostHealth(hostId, "healthy", host.Endpoint, host.ServerVersion, host.ApiVersion,
                Math.Round(host.PingLatency.TotalMilliseconds, 1), host.ContainersRunning, host.Cpus, host.MemoryBytes, null);
        }
        catch (ContainerRuntimeUnavailableException ex)
        {
            return new DockerHostHealth(hostId, "unavailable", null, null, null, null, null, null, null, ex.Message);
        }
    }

}

public sealed record HealthResponse(
    string Status, DockerHealth Docker, string Database, WorkloadHealth Workloads, IReadOnlyList<TimerHealth> Timers, IReadOnlyList<SinkHealth> Sinks);

public sealed record TimerHealth(string Name, string Schedule, long Runs, DateTimeOffset? LastRunAt, double? LastDurationMs, string? LastError);

public sealed record DockerHealth(string Status, IReadOnlyList<DockerHostHealth> Hosts);

public sealed record DockerHostHealth(
    string Id, string Status, string? Endpoint, string? Version, string? ApiVersion, double? LatencyMs,
    long? ContainersRunning, int? Cpus, long? MemoryBytes, string? Error);

public sealed record WorkloadHealth(IReadOnlyList<string> Loaded, IReadOnlyList<WorkloadFileError> Errors);

public sealed record WorkloadFileError(string File, int? Line, string Field, string Message);
