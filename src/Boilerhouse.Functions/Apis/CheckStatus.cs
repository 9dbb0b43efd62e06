using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Starter answers in the Durable Functions shape: 202 + check-status URIs while an instance runs,
/// 200 with its output when it finished in time, a problem with its code when it failed.
/// </summary>
public static class CheckStatus
{
    /// <summary>The longest ?waitMs a starter honours.</summary>
    public const int MaxWaitMs = 60_000;

    public static async Task<InstanceOutcome> WaitIfAskedAsync(HttpContext http, ITenantGrain tenant, InstanceOutcome started)
    {
        var waitMs = ReadWaitMs(http);
        if (waitMs == 0 || started.IsFinished)
        {
            return started;
        }

        return await tenant.WaitAsync(started.InstanceId, TimeSpan.FromMilliseconds(waitMs)) ?? started;
    }

    public static IResult Respond(HttpContext http, InstanceOutcome outcome, Func<string, object> completedBody)
    {
        if (!outcome.IsFinished)
        {
            var links = Links(http, outcome.InstanceId);
            http.Response.Headers.Location = links.StatusQueryGetUri;
            http.Response.Headers.RetryAfter = "1";
            return TypedResults.Json(links, statusCode: StatusCodes.Status202Accepted);
        }

        return outcome.ErrorCode is { } code
            ? Problems.For(http, code, outcome.ErrorMessage ?? code, new Dictionary<string, object?> { ["instanceId"] = outcome.InstanceId })
            : TypedResults.Ok(completedBody(outcome.OutputJson!));
    }

    public static CheckStatusLinks Links(HttpContext http, string instanceId)
    {
        var status = $"{http.Request.Scheme}://{http.Request.Host}/api/v1/orchestrations/{Uri.EscapeDataString(instanceId)}";
        return new CheckStatusLinks(instanceId, status, $"{status}/terminate?reason={{text}}", status);
    }

    /// <summary>Instance id: the client's ?instanceId, else one derived from Idempotency-Key, else a new one.</summary>
    public static string InstanceIdFor(HttpContext http, string tenantId, string orchestration)
    {
        if (http.Request.Query["instanceId"].ToString() is { Length: > 0 } chosen)
        {
            return InstanceIds.IsValid(chosen) ? chosen
                : throw new BoilerhouseException(ErrorCodes.InvalidId, $"Invalid instanceId '{chosen}': {InstanceIds.Rule}.");
        }

        if (http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key)
        {
            return key.Length <= 200 ? InstanceIds.FromIdempotencyKey(tenantId, orchestration, key)
                : throw new BoilerhouseException(ErrorCodes.InvalidRequest, "Idempotency-Key is longer than 200 characters.");
        }

        return InstanceIds.New();
    }

    private static int ReadWaitMs(HttpContext http)
    {
        var raw = http.Request.Query["waitMs"].ToString();
        if (raw.Length == 0)
        {
            return 0;
        }

        return int.TryParse(raw, out var ms) && ms is >= 0 and <= MaxWaitMs ? ms
            : throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"waitMs must be a whole number of milliseconds from 0 to {MaxWaitMs}, got '{raw}'.");
    }
}

/// <summary>The check-status payload of a started instance (Durable Functions' names).</summary>
public sealed record CheckStatusLinks(string Id, string StatusQueryGetUri, string TerminatePostUri, string PurgeHistoryDeleteUri);
