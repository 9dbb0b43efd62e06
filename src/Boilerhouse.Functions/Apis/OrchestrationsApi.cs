using System.Globalization;
using System.Text.Json.Nodes;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Functions.Apis;

/// <summary>Orchestration instances in the Durable Functions shape: status, list, terminate, purge.</summary>
public static class OrchestrationsApi
{
    private const int DefaultTop = 100;
    private const int MaxTop = 1000;
    private static readonly IReadOnlyList<string> Names = OrchestrationRegistry.Names;

    public static RouteGroupBuilder MapOrchestrationsApiV1(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/orchestrations").WithTags("Orchestrations");
        group.MapGet("/", ListAsync);
        group.MapDelete("/", PurgeHistoryAsync);
        group.MapGet("/{instanceId}", GetAsync);
        group.MapPost("/{instanceId}/terminate", TerminateAsync);
        group.MapDelete("/{instanceId}", PurgeAsync);
        return group;
    }

    /// <summary>200 when finished, 202 with Retry-After while pending or running, 404 when unknown.</summary>
    public static async Task<IResult> GetAsync(string instanceId, OrchestrationStore store, HttpContext http)
    {
        RequireInstanceId(instanceId);
        var showHistory = ReadBool(http, "showHistory", true);
        var record = await store.GetAsync(instanceId, showHistory, http.RequestAborted);
        if (record is null)
        {
            return Problems.For(http, ErrorCodes.OrchestrationNotFound, $"No orchestration instance '{instanceId}'.");
        }

        var body = OrchestrationResponse.From(record, showHistory);
        if (InstanceOutcome.From(record).IsFinished)
        {
            return TypedResults.Ok(body);
        }

        http.Response.Headers.RetryAfter = "1";
        return TypedResults.Json(body, statusCode: StatusCodes.Status202Accepted);
    }

    public static async Task<IResult> ListAsync(OrchestrationStore store, HttpContext http)
    {
        var query = ReadQuery(http.Request.Query);
        var (page, continuation) = await store.QueryAsync(query, http.RequestAborted);
        if (continuation is not null)
        {
            http.Response.Headers["x-ms-continuation-token"] = continuation;
        }

        return TypedResults.Ok(new OrchestrationListResponse(page.Select(r => OrchestrationResponse.From(r, false)).ToList(), continuation));
    }

    /// <summary>202 when termination was requested, 410 when the instance had already finished.</summary>
    public static async Task<IResult> TerminateAsync(string instanceId, OrchestrationStore store, IGrainFactory grains, HttpContext http)
    {
        RequireInstanceId(instanceId);
        var reason = http.Request.Query["reason"].ToString() is { Length: > 0 } r ? r[..Math.Min(r.Length, 500)] : "Terminated by request";
        var record = await store.GetAsync(instanceId, false, http.RequestAborted);
        if (record is null)
        {
            return Problems.For(http, ErrorCodes.OrchestrationNotFound, $"No orchestration instance '{instanceId}'.");
        }

        if (InstanceOutcome.From(record).IsFinished || record.TenantId is null)
        {
            return Problems.For(http, OrchestrationErrorCodes.OrchestrationFinished,
                $"Instance '{instanceId}' already finished ({record.RuntimeStatus}); there is nothing to terminate.");
        }

        var tenant = grains.GetGrain<ITenantGrain>(record.TenantId);
        await tenant.ResumeAsync();
        if (!await tenant.TerminateAsync(instanceId, reason))
        {
            return Problems.For(http, OrchestrationErrorCodes.OrchestrationFinished, $"Instance '{instanceId}' finished before it could be terminated.");
        }

        return TypedResults.Accepted(CheckStatus.Links(http, instanceId).StatusQueryGetUri);
    }

    public static async Task<IResult> PurgeAsync(string instanceId, OrchestrationStore store, HttpContext http)
    {
        RequireInstanceId(instanceId);
        var record = await store.GetAsync(instanceId, false, http.RequestAborted);
        if (record is null)
        {
            return Problems.For(http, ErrorCodes.OrchestrationNotFound, $"No orchestration instance '{instanceId}'.");
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
    public static async Task<IResult> PurgeHistoryAsync(OrchestrationStore store, HttpContext http)
    {
        var to = ReadTime(http.Request.Query, "createdTimeTo")
            ?? throw new BoilerhouseException(ErrorCodes.InvalidRequest, "createdTimeTo is required (ISO 8601, e.g. 2026-01-31T00:00:00Z): purging everything needs an explicit bound.");
        return TypedResults.Ok(new PurgeResponse(await store.PurgeFinishedAsync(to, http.RequestAborted)));
    }

    private static OrchestrationQuery ReadQuery(IQueryCollection q)
    {
        List<OrchestrationRuntimeStatus>? statuses = null;
        if (q["runtimeStatus"].ToString() is { Length: > 0 } rawStatuses)
        {
            statuses = [];
            foreach (var value in rawStatuses.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                statuses.Add(Enum.TryParse<OrchestrationRuntimeStatus>(value, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(value, out _)
                    ? s
                    : throw new BoilerhouseException(ErrorCodes.InvalidRequest,
                        $"runtimeStatus '{value}' is not one of {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}."));
            }
        }

        var name = q["name"].ToString() is { Length: > 0 } n ? n : null;
        if (name is not null && !Names.Contains(name))
        {
            throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"name '{name}' is not one of {string.Join(", ", Names)}.");
        }

        var tenantId = q["tenantId"].ToString() is { Length: > 0 } t ? ResourceId.Require(t, "tenant") : null;
        var top = DefaultTop;
        if (q["top"].ToString() is { Length: > 0 } rawTop && (!int.TryParse(rawTop, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxTop))
        {
            throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"top must be a whole number from 1 to {MaxTop}, got '{rawTop}'.");
        }

        (DateTimeOffset, string)? after = null;
        if (q["continuationToken"].ToString() is { Length: > 0 } token)
        {
            after = ContinuationToken.TryDecode(token, out var position) ? position
                : throw new BoilerhouseException(ErrorCodes.InvalidRequest, "continuationToken is not one this API issued.");
        }

        return new OrchestrationQuery(statuses, name, tenantId, ReadTime(q, "createdFrom"), ReadTime(q, "createdTo"), top, after);
    }

    private static DateTimeOffset? ReadTime(IQueryCollection q, string key) => q[key].ToString() switch
    {
        { Length: 0 } => null,
        var raw => DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.ToUniversalTime()
            : throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"{key} '{raw}' is not an ISO 8601 time such as 2026-01-31T12:00:00Z."),
    };

    private static bool ReadBool(HttpContext http, string key, bool fallback) => http.Request.Query[key].ToString().ToLowerInvariant() switch
    {
        "" => fallback,
        "true" => true,
        "false" => false,
        var raw => throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"{key} must be true or false, got '{raw}'."),
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
    public static OrchestrationResponse From(OrchestrationRecord r, bool withSteps) => new(
        r.InstanceId, r.Name, r.RuntimeStatus.ToString(), r.CustomStatus, r.TenantId, r.PoolId,
        Parse(r.InputJson), Parse(r.OutputJson),
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
