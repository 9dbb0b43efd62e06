namespace Boilerhouse.Orchestration.ActivityLog;

/// <summary>How long the activity log keeps entries, and how its writer batches and trims.</summary>
public sealed class ActivityOptions
{
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the writer deletes entries older than <see cref="Retention"/> (also once at start).</summary>
    public TimeSpan PurgeEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Events waiting for the writer; beyond this the oldest are skipped (the log says how many), never the claims slowed.</summary>
    public int QueueSize { get; set; } = 10_000;
}
