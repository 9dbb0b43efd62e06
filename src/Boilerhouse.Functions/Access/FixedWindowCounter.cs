using System.Collections.Concurrent;

namespace Boilerhouse.Functions.Access;

/// <summary>Counts events per key in one-minute windows; says when a key is over its limit and how long until it is not.</summary>
public sealed class FixedWindowCounter(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    // Many addresses guessing once each must not grow memory without end.
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    /// <summary>Counts one event; null when it is within <paramref name="limit"/>, else the seconds until the window ends.</summary>
    public int? Count(string key, int limit) => Check(key, limit, add: true);

    /// <summary>Whether the key is over the limit now, without counting.</summary>
    public int? Peek(string key, int limit) => Check(key, limit, add: false);

    private int? Check(string key, int limit, bool add)
    {
        var now = time.GetUtcNow();
        if (_slots.Count > PruneAbove)
        {
            foreach (var (staleKey, stale) in _slots.Where(s => now - s.Value.Start >= Window).ToList())
            {
                _slots.TryRemove(new KeyValuePair<string, Slot>(staleKey, stale));
            }
        }

        var slot = _slots.GetOrAdd(key, _ => new Slot());
        lock (slot)
        {
            if (now - slot.Start >= Window)
            {
                slot.Start = now;
                slot.Count = 0;
            }

            if (slot.Count >= limit)
            {
                return Math.Max(1, (int)Math.Ceiling((slot.Start + Window - now).TotalSeconds));
            }

            if (add)
            {
                slot.Count++;
            }

            return null;
        }
    }

    private sealed class Slot
    {
        public DateTimeOffset Start { get; set; } = DateTimeOffset.MinValue;
        public int Count { get; set; }
    }
}
