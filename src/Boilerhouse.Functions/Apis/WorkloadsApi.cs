using System.Text.Json.Nodes;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Workloads.Files;
using Boilerhouse.Orchestration.Workloads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Workloads as files: read and written as YAML (stored as sent) or JSON; every write is validated as
/// at start-up, written atomically into the workload folder and rolled out to its pool at once.
/// Optimistic concurrency with ETag / If-Match; without If-Match the last writer wins.
/// </summary>
public static class WorkloadsApi
{
    public static RouteGroupBuilder MapWorkloadsApiV1(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workloads").WithTags("Workloads");
        group.MapGet("/", List).ProducesProblems();
        group.MapGet("/{workloadId}", Get).ProducesProblems(ErrorCodes.InvalidId, WorkloadErrorCodes.WorkloadNotFound)
            .Produces<string>(StatusCodes.Status200OK, "application/yaml");
        group.MapPost("/", CreateAsync).Accepts<JsonObject>("application/yaml", "application/json")
            .ProducesProblems(ErrorCodes.InvalidRequest, ErrorCodes.InvalidWorkloadSpec, ErrorCodes.PayloadTooLarge, WorkloadErrorCodes.WorkloadExists);
        group.MapPut("/{workloadId}", ReplaceAsync).Accepts<JsonObject>("application/yaml", "application/json")
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.InvalidRequest, ErrorCodes.InvalidWorkloadSpec, ErrorCodes.PayloadTooLarge,
                WorkloadErrorCodes.WorkloadNotFound, WorkloadErrorCodes.PreconditionFailed);
        group.MapDelete("/{workloadId}", DeleteAsync)
            .ProducesProblems(ErrorCodes.InvalidId, WorkloadErrorCodes.WorkloadNotFound, WorkloadErrorCodes.WorkloadInUse, WorkloadErrorCodes.PreconditionFailed);
        return group;
    }

    public static Ok<WorkloadListResponse> List(WorkloadFolder folder)
    {
        var set = folder.Current;
        return TypedResults.Ok(new WorkloadListResponse(
            [.. set.Loaded.Select(w => WorkloadResponse.From(w, set))],
            [.. set.Errors.Select(e => new WorkloadFileError(e.File, e.Line, e.Field, e.Message))]));
    }

    /// <summary>The running version: its text with <c>Accept: application/yaml</c>, else the same document as JSON.</summary>
    public static Results<Ok<JsonNode>, ContentHttpResult, ProblemHttpResult> Get(string workloadId, HttpContext http, WorkloadFolder folder)
    {
        ResourceId.Require(workloadId, "workload");
        if (folder.Current.Find(workloadId) is not { } workload)
        {
            return NotFound(http, workloadId);
        }

        http.Response.Headers.ETag = workload.ETag;
        return WorkloadBodyReader.IsYaml(http.Request.Headers.Accept.ToString())
            ? TypedResults.Text(workload.Yaml, "application/yaml")
            : TypedResults.Ok(WorkloadDocument.ToJson(workload.Yaml, workload.File)!);
    }

    public static async Task<Results<Created<WorkloadResponse>, ProblemHttpResult>> CreateAsync(HttpContext http, WorkloadFolder folder)
    {
        var yaml = await WorkloadBodyReader.ReadYamlAsync(http.Request, http.RequestAborted);
        var change = await folder.WriteAsync(null, yaml, null, http.RequestAborted);
        if (change.Workload is not { } workload)
        {
            return Refused(http, change);
        }

        http.Response.Headers.ETag = workload.ETag;
        return TypedResults.Created($"/api/v1/workloads/{workload.Spec.Id}", WorkloadResponse.From(workload, folder.Current));
    }

    public static async Task<Results<Ok<WorkloadResponse>, ProblemHttpResult>> ReplaceAsync(string workloadId, HttpContext http, WorkloadFolder folder)
    {
        ResourceId.Require(workloadId, "workload");
        var yaml = await WorkloadBodyReader.ReadYamlAsync(http.Request, http.RequestAborted);
        var change = await folder.WriteAsync(workloadId, yaml, IfMatch(http), http.RequestAborted);
        if (change.Workload is not { } workload)
        {
            return Refused(http, change);
        }

        http.Response.Headers.ETag = workload.ETag;
        return TypedResults.Ok(WorkloadResponse.From(workload, folder.Current));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string workloadId, bool? force, HttpContext http, WorkloadFolder folder)
    {
        ResourceId.Require(workloadId, "workload");
        var change = await folder.DeleteAsync(workloadId, IfMatch(http), force ?? false, http.RequestAborted);
        return change.ErrorCode is null ? TypedResults.NoContent() : Refused(http, change);
    }

    internal static string? IfMatch(HttpContext http) =>
        http.Request.Headers.IfMatch.Count > 0 ? http.Request.Headers.IfMatch.ToString() : null;

    internal static ProblemHttpResult Refused(HttpContext http, WorkloadChange change) =>
        Problems.For(http, change.ErrorCode!, change.Message!, change.Errors is { } errors
            ? new Dictionary<string, object?> { ["errors"] = errors.Select(e => new WorkloadFileError(e.File, e.Line, e.Field, e.Message)).ToList() }
            : null);

    private static ProblemHttpResult NotFound(HttpContext http, string id) =>
        Problems.For(http, WorkloadErrorCodes.WorkloadNotFound, $"Workload '{id}' does not exist.");
}

public sealed record WorkloadListResponse(IReadOnlyList<WorkloadResponse> Workloads, IReadOnlyList<WorkloadFileError> Errors);

/// <param name="Pools">The ids of the workload's pools (one, named after the workload, unless it declares x-boilerhouse.pools); sizes are those of the first.</param>
/// <param name="Stale">True when the file now on disk is invalid (or was removed) and this last good version keeps running; <paramref name="Errors"/> says why.</param>
public sealed record WorkloadResponse(
    string Id, string Name, string Image, string File, string ETag, int MinSize, int MaxSize, TimeSpan IdleTimeout,
    IReadOnlyList<string> Pools, bool Stale, IReadOnlyList<WorkloadFileError> Errors)
{
    public static WorkloadResponse From(LoadedWorkload w, WorkloadSet set)
    {
        var errors = set.Stale.GetValueOrDefault(w.Spec.Id) ?? [];
        return new WorkloadResponse(w.Spec.Id, w.Spec.Name, w.Spec.Image, w.File, w.ETag, w.Spec.Pool.MinSize, w.Spec.Pool.MaxSize, w.Spec.Pool.IdleTimeout,
            [.. w.Spec.PoolViews().Select(p => p.Id)], errors.Count > 0, [.. errors.Select(e => new WorkloadFileError(e.File, e.Line, e.Field, e.Message))]);
    }
}
