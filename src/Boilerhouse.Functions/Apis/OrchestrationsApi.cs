using System.Text.Json.Nodes;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Boilerhouse.Functions.Apis;

/// <summary>Orchestration instances in the Durable Functions shape: status, list, terminate, purge.</summary>
public static class OrchestrationsApi
{
    private static readonly IReadOnlyList<string> Names = OrchestrationRegistry.Names;

    public static RouteGroupBuilder MapOrchestrationsApiV1(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/orchestrations").WithTags("Orchestrations");
        group.MapGet("/", ListAsync).ProducesProblems(ErrorCodes.InvalidRequest, ErrorCodes.InvalidId);
        group.MapDelete("/", PurgeHistoryAsync).ProducesProblems(ErrorCodes.InvalidRequest);
        group.MapGet("/{instanceId}", GetAsync).ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.InvalidRequest, ErrorCodes.OrchestrationNotFound);
        group.MapPost("/{instanceId}/terminate", TerminateAsync)
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.OrchestrationNotFound, OrchestrationErrorCodes.OrchestrationFinished);
        group.MapDelete("/{instanceId}", PurgeAsync)
            .ProducesProblems(ErrorCodes.InvalidId, ErrorCodes.OrchestrationNotFound, OrchestrationErrorCodes.OrchestrationRunning);
        return group;
    }

    /// <summary>200 when finished, 202 with Retry-After while pending or running, 404 when unknown.</summary>
    public static async Task<Results<Ok<OrchestrationResponse>, Accepted<OrchestrationResponse>, ProblemHttpResult>> GetAsync(
        string instanceId, [FromQuery] string? showHistory, OrchestrationStore store, HttpContext http)
    {
        RequireInstanceId(instanceId);
        var withHistory = ReadBool("showHistory", showHistory, true);
        var record = await store.GetAsync(instanceId, withHistory, http.RequestAborted);
        if (record is null)
        {
            return NotFound(http, instanceId);
        }

        var body = OrchestrationResponse.From(record, withHistory, withInput: true);
        if (InstanceOutcome.From(record).IsFinished)
        {
            return TypedResults.Ok(body);
        }

        http.Response.Headers.RetryAfter = "1";
        return TypedResults.Accepted((string?)null, body);
    }

    /// <summary>A page of instances without their inputs (the single-instance query shows those): a page must stay cheap to build.</summary>
    public static async Task<Ok<OrchestrationListResponse>> ListAsync([AsParameters] OrchestrationListFilter filter, OrchestrationStore store, HttpContext http)
    {
        var (page, continuation) = await store.QueryAsync(filter.ToQuery(Names), http.RequestAborted);
        if (continuation is not null)
        {
            http.Response.Headers["x-ms-continuation-token"] = continuation;
        }

        return TypedResults.Ok(new OrchestrationListResponse(
            page.Select(r => OrchestrationResponse.From(r, withSteps: false, withInput: false)).ToList(), continuation));
    }

    /// <summary>202 when termination was requested, 410 when the instance had already finished.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> TerminateAsync(
        string instanceId, [FromQuery] string? reason, OrchestrationStore store, IGrainFactory grains, HttpContext http)
    {
        RequireInstanceId(instanceId);
        var why = reason is { Length: > 0 } r ? r[..Math.Min(r.Length, 500)] : "Terminated by request";
        var record = await store.GetAsync(instanceId, false, http.RequestAborted);
        if (record is null)
        {
            return NotFound(http, instanceId);
        }

        if (InstanceOutcome.From(record).IsFinished || record.TenantId is null)
        {
            return Problems.For(http, OrchestrationErrorCodes.OrchestrationFinished,
                $"Instance '{instanceId}' already finished ({record.RuntimeStatus}); there is nothing to terminate.");
        }

        var tenant = grains.GetGrain<ITenantGrain>(record.TenantId);
        await tenant.ResumeAsync();
        if (!await tenant.TerminateAsync(instanceId, why))
        {
            return Problems.For(http, OrchestrationErrorCodes.OrchestrationFinished, $"Instance '{instanceId}' finished before it could be terminated.");
        }

        return TypedResults.Accepted(CheckStatus.Links(http, instanceId).StatusQueryGetUri);
    }

    public static async Task<Results<Ok<PurgeResponse>, ProblemHttpResult>> PurgeAsync(string instanceId, OrchestrationStore store, HttpContext http)
    {
        RequireInstanceId(instanceId);
        var record = await store.GetAsync(instanceId, false, http.RequestAborted);
        if (record is null)
        {
            return NotFound(http, instanceId);
        }

        if (!InstanceOutcome.From(record).IsFinished)
        {
            return Problems.For(http, OrchestrationErrorCodes.OrchestrationRunning,
                $"Instance '{instanceId}' is {record.RuntimeStatus}; terminate it or let it finish before purging it.");
        }

        await store.PurgeAsync(instanceId, http.RequestAborted);
        return TypedResults.Ok(new PurgeResponse(1));
    }

    /// <summary>Deletes the history of every finished instance created up to createdTimeTo (required).</summary>
    public static async Task<Ok<PurgeResponse>> PurgeHistoryAsync([FromQuery] string? createdTimeTo, OrchestrationStore store, HttpContext http)
    {
        var to = QueryTime.Read("createdTimeTo", createdTimeTo)
            ?? throw new BoilerhouseException(ErrorCodes.InvalidRequest, "createdTimeTo is required (ISO 8601, e.g. 2026-01-31T00:00:00Z): purging everything needs an explicit bound.");
        return TypedResults.Ok(new PurgeResponse(await store.PurgeFinishedAsync(to, http.RequestAborted)));
    }

    private static ProblemHttpResult NotFound(HttpContext http, string instanceId) =>
        Problems.For(http, ErrorCodes.OrchestrationNotFound, $"No orchestration instance '{instanceId}'.");

    private static bool ReadBool(string key, string? raw, bool fallback) => raw?.ToLowerInvariant() switch
    {
        null or "" => fallback,
        "true" => true,
        "false" => false,
        var other => throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"{key} must be true or false, got '{other}'."),
    };

    private static void RequireInstanceId(string instanceId)
    {
        if (!InstanceIds.IsValid(instanceId))
        {
            throw new BoilerhouseException(ErrorCodes.InvalidId, $"Invalid orchestration instance id '{instanceId}': {InstanceIds.Rule}.");
        }
    }
}

public sealed record OrchestrationResponse(
    string InstanceId, string Name, string RuntimeStatus, string? CustomStatus, string? TenantId, string? PoolId,
    JsonNode? Input, JsonNode? Output, OrchestrationError? Error, DateTimeOffset CreatedTime, DateTimeOffset LastUpdatedTime,
    IReadOnlyList<OrchestrationStepResponse>? Steps)
{
    public static OrchestrationResponse From(OrchestrationRecord r, bool withSteps, bool withInput) => new(
        r.InstanceId, r.Name, r.RuntimeStatus.ToString(), r.CustomStatus, r.TenantId, r.PoolId,
        withInput ? Parse(r.InputJson) : null, Parse(r.OutputJson),
        r.ErrorCode is null ? null : new OrchestrationError(r.ErrorCode, r.ErrorMessage ?? ""),
        r.CreatedTime, r.LastUpdatedTime,
        withSteps
            ? r.Steps.OrderBy(s => s.Sequence).ThenBy(s => s.Attempt).Select(s => new OrchestrationStepResponse(
                s.Name, s.Attempt, s.StartedAt, s.EndedAt, (s.EndedAt - s.StartedAt).TotalMilliseconds, s.Outcome.ToString(), s.Error)).ToList()
            : null);

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}

public sealed record OrchestrationError(string Code, string Message);

public sealed record OrchestrationStepResponse(
    string Name, int Attempt, DateTimeOffset StartedAt, DateTimeOffset EndedAt, double DurationMs, string Outcome, string? Error);

public sealed record OrchestrationListResponse(IReadOnlyList<OrchestrationResponse> Instances, string? ContinuationToken);

public sealed record PurgeResponse(int InstancesDeleted);
