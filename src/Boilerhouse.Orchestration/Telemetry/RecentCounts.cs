namespace Boilerhouse.Orchestration.Telemetry;

/// <summary>
/// What finished in the last hour, counted in memory in one-minute slots (so "the last hour" is
/// the last 60 to 61 minutes). Counts are this process's only and start again at a restart.
/// </summary>
public sealed class RecentCounts(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>What sync runs (not sync orchestrations) are counted under.</summary>
    public const string SyncRuns = "sync-run";

    private const int Slots = 61;
    private readonly Lock _lock = new();
    private readonly long[] _slotMinute = new long[Slots];
    private readonly Dictionary<string, int>[] _slots = [.. Enumerable.Range(0, Slots).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];

    /// <summary>When counting began: the counts cover the last hour or the time since then, whichever is shorter.</summary>
    public DateTimeOffset Since { get; } = time.GetUtcNow();

    /// <summary>The name a kind of run is counted under with its outcome, e.g. "claim.completed".</summary>
    public static string Key(string what, string outcome) => $"{what}.{outcome}";

    public void Add(string what)
    {
        var minute = Minute();
        lock (_lock)
        {
            var slot = (int)(minute % Slots);
            if (_slotMinute[slot] != minute)
            {
                _slotMinute[slot] = minute;
                _slots[slot].Clear();
            }

            _slots[slot][what] = _slots[slot].GetValueOrDefault(what) + 1;
        }
    }

    public int Count(string what)
    {
        var now = Minute();
        lock (_lock)
        {
            var total = 0;
            for (var slot = 0; slot < Slots; slot++)
            {
                if (now - _slotMinute[slot] < Slots)
                {
                    total += _slots[slot].GetValueOrDefault(what);
                }
            }

            return total;
        }
    }

    private long Minute() => time.GetUtcNow().ToUnixTimeSeconds() / 60;
}
