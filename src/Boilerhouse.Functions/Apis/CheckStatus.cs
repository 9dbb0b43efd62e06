using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Starter answers in the Durable Functions shape: 202 + check-status URIs while an instance runs,
/// 200 with its output when it finished in time, a problem with its code when it failed.
/// </summary>
public static class CheckStatus
{
    /// <summary>The longest ?waitMs a starter honours.</summary>
    public const int MaxWaitMs = 60_000;

    /// <summary>How long the starter waits for its instance (?waitMs; zero answers at once).</summary>
    public static TimeSpan WaitFor(StarterRequest request) => TimeSpan.FromMilliseconds(ReadWaitMs(request.WaitMs));

    /// <summary>For an instance started elsewhere: waits as asked for it to finish.</summary>
    public static async Task<InstanceOutcome> WaitIfAskedAsync(StarterRequest request, ITenantGrain tenant, InstanceOutcome started)
    {
        var wait = WaitFor(request);
        if (wait == TimeSpan.Zero || started.IsFinished)
        {
            return started;
        }

        return await tenant.WaitAsync(started.InstanceId, wait) ?? started;
    }

    public static Results<Ok<T>, Accepted<CheckStatusLinks>, ProblemHttpResult> Respond<T>(
        HttpContext http, InstanceOutcome outcome, Func<string, T> completedBody)
    {
        if (!outcome.IsFinished)
        {
            var links = Links(http, outcome.InstanceId);
            http.Response.Headers.RetryAfter = "1";
            return TypedResults.Accepted(links.StatusQueryGetUri, links);
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
    public static string InstanceIdFor(StarterRequest request, string orchestration)
    {
        if (request.InstanceId is { Length: > 0 } chosen)
        {
            return InstanceIds.IsValid(chosen) ? chosen
                : throw new BoilerhouseException(ErrorCodes.InvalidId, $"Invalid instanceId '{chosen}': {InstanceIds.Rule}.");
        }

        if (request.IdempotencyKey is { Length: > 0 } key)
        {
            return key.Length <= 200 ? InstanceIds.FromIdempotencyKey(request.TenantId, orchestration, key)
                : throw new BoilerhouseException(ErrorCodes.InvalidRequest, "Idempotency-Key is longer than 200 characters.");
        }

        return InstanceIds.New();
    }

    /// <summary>Checks ?waitMs before an endpoint acts, so a bad value changes nothing.</summary>
    public static void RequireWaitMs(string? raw) => ReadWaitMs(raw);

    private static int ReadWaitMs(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return 0;
        }

        return int.TryParse(raw, out var ms) && ms is >= 0 and <= MaxWaitMs ? ms
            : throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"waitMs must be a whole number of milliseconds from 0 to {MaxWaitMs}, got '{raw}'.");
    }
}

/// <summary>The check-status payload of a started instance (Durable Functions' names).</summary>
public sealed record CheckStatusLinks(string Id, string StatusQueryGetUri, string TerminatePostUri, string PurgeHistoryDeleteUri);
