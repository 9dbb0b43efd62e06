using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Functions.Apis;

/// <summary>Orchestration status in the Durable Functions shape, with the step history.</summary>
public static partial class OrchestrationsApi
{
    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceIdPattern();

    public static RouteGroupBuilder MapOrchestrationsApiV1(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/orchestrations").WithTags("Orchestrations");
        group.MapGet("/{instanceId}", GetAsync);
        return group;
    }

    public static async Task<IResult> GetAsync(string instanceId, OrchestrationStore store, HttpContext http)
    {
        if (!InstanceIdPattern().IsMatch(instanceId))
        {
            return Problems.For(http, ErrorCodes.InvalidId, $"Invalid orchestration instance id '{instanceId}': 32 lower-case hex digits.");
        }

        var record = await store.GetAsync(instanceId, withSteps: true, http.RequestAborted);
        return record is null
            ? Problems.For(http, ErrorCodes.OrchestrationNotFound, $"No orchestration instance '{instanceId}'.")
            : TypedResults.Ok(OrchestrationResponse.From(record));
    }
}

public sealed record OrchestrationResponse(
    string InstanceId, string Name, string RuntimeStatus, string? CustomStatus, string? TenantId, string? PoolId,
    JsonNode? Input, JsonNode? Output, OrchestrationError? Error, DateTimeOffset CreatedTime, DateTimeOffset LastUpdatedTime,
    IReadOnlyList<OrchestrationStepResponse> Steps)
{
    public static OrchestrationResponse From(OrchestrationRecord r) => new(
        r.InstanceId, r.Name, r.RuntimeStatus.ToString(), r.CustomStatus, r.TenantId, r.PoolId,
        Parse(r.InputJson), Parse(r.OutputJson),
        r.ErrorCode is null ? null : new OrchestrationError(r.ErrorCode, r.ErrorMessage ?? ""),
        r.CreatedTime, r.LastUpdatedTime,
        r.Steps.OrderBy(s => s.Sequence).Select(s => new OrchestrationStepResponse(
            s.Name, s.Attempt, s.StartedAt, s.EndedAt, (s.EndedAt - s.StartedAt).TotalMilliseconds, s.Outcome.ToString(), s.Error)).ToList());

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}

public sealed record OrchestrationError(string Code, string Message);

public sealed record OrchestrationStepResponse(
    string Name, int Attempt, DateTimeOffset StartedAt, DateTimeOffset EndedAt, double DurationMs, string Outcome, string? Error);
