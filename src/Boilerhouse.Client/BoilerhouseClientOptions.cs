namespace Boilerhouse.Client;

/// <summary>How a <see cref="BoilerhouseClient"/> retries, waits and times out.</summary>
public sealed class BoilerhouseClientOptions
{
    /// <summary>
    /// Attempts after the first for a request that met a 429, 503, 504, 408, a dropped connection or
    /// a timeout (default 5). Only requests that are safe to repeat are retried after a dropped
    /// connection; claims, releases and syncs are, through their idempotency key.
    /// </summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first wait between attempts when the answer has no <c>Retry-After</c>; doubled each time (default 0.5 s).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between attempts without <c>Retry-After</c> (default 30 s). A server's <c>Retry-After</c> is always honoured.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take, including a claim's server-side wait (default 100 s).</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How long a starter (claim, release, sync) asks the server to wait for the result before answering 202 (default 30 s, at most 60 s).</summary>
    public TimeSpan StarterWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running orchestration is polled when the server sends no <c>Retry-After</c> (default 1 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An HTTP handler to send requests through (a proxy, a test handler); the client does not dispose it.</summary>
    public HttpMessageHandler? Transport { get; set; }

    /// <summary>The <c>User-Agent</c> sent with every request.</summary>
    public string UserAgent { get; set; } = "boilerhouse-dotnet/1.0";
}
