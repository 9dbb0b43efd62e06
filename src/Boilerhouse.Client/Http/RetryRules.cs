namespace Boilerhouse.Client.Http;

/// <summary>Which answers are worth another attempt, and how long to wait before it.</summary>
internal static class RetryRules
{
    /// <summary>
    /// Busy, overloaded or rate-limited servers and gateways that timed out. A quota (429
    /// QUOTA_EXCEEDED) does not clear by waiting, and a busy tenant (409 TENANT_BUSY) does.
    /// </summary>
    public static bool IsRetriable(Problem problem) => problem.Status switch
    {
        408 or 503 or 504 => true,
        429 => problem.Code != "QUOTA_EXCEEDED",
        409 => problem.Code == "TENANT_BUSY",
        _ => false,
    };

    /// <summary>Exponential backoff with jitter, capped; the server's Retry-After wins when it gave one.</summary>
    public static TimeSpan Delay(BoilerhouseClientOptions options, int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } asked)
        {
            return asked;
        }

        var exponential = options.RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16));
        var capped = Math.Min(exponential, options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + Random.Shared.NextDouble() * 0.4));
    }
}
