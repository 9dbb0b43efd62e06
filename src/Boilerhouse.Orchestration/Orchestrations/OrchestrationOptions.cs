namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>How activities are retried and timed out: host.json's "orchestration" section.</summary>
public sealed class OrchestrationOptions
{
    /// <summary>The longest one attempt of an activity may take.</summary>
    public TimeSpan ActivityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts per activity call, the first included, for transient failures.</summary>
    public int MaxAttempts { get; set; } = 4;

    public TimeSpan FirstRetryInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A release saves the tenant's state before it destroys anything, and retries a sink (or host)
    /// that is down without limit: this caps the wait between those attempts.
    /// </summary>
    public TimeSpan MaxSaveStateRetryInterval { get; set; } = TimeSpan.FromSeconds(30);
}
