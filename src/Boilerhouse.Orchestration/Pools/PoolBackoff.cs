namespace Boilerhouse.Orchestration.Pools;

/// <summary>
/// Create failures in a row push the pool's next attempt back (0.5 s, 1 s, 2 s, ... up to 30 s), so a
/// broken image or engine is not hammered; the first container that turns warm resets it.
/// </summary>
internal sealed class PoolBackoff(TimeProvider time)
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    private DateTimeOffset _nextAttemptAt;

    /// <summary>Create failures since the last container that turned warm.</summary>
    public int FailureStreak { get; private set; }

    /// <summary>Whether the pool may start a container now.</summary>
    public bool CanAttempt => time.GetUtcNow() >= _nextAttemptAt;

    /// <summary>Counts a failure and returns how long the pool waits before trying again.</summary>
    public TimeSpan RecordFailure()
    {
        FailureStreak++;
        var delay = TimeSpan.FromMilliseconds(Math.Min(Max.TotalMilliseconds, First.TotalMilliseconds * Math.Pow(2, FailureStreak - 1)));
        _nextAttemptAt = time.GetUtcNow() + delay;
        return delay;
    }

    // The wait already scheduled stays: only the streak restarts, as before the split.
    public void Reset() => FailureStreak = 0;
}
