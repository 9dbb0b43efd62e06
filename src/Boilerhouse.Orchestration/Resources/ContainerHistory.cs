namespace Boilerhouse.Orchestration.Resources;

/// <summary>
/// A container's samples over the history: the most recent ones at every sweep, older ones merged
/// a few sweeps into one (a minute by default), all kept packed. With the defaults (10 s sweeps, an
/// hour of history, the last 10 minutes at full resolution) that is 110 samples of 104 bytes instead
/// of 360 of 152: about 12 KB per container instead of 55 KB. Safe to read while the sampler writes.
/// </summary>
public sealed class ContainerHistory
{
    private readonly Lock _lock = new();
    private readonly SampleRing<PackedSample> _recent;
    private readonly SampleRing<PackedSample>? _older;
    private readonly PackedSample[] _merging;
    private int _merged;

    /// <param name="recentLength">Samples kept as sampled.</param>
    /// <param name="olderLength">Merged samples kept before those (0 for none).</param>
    /// <param name="mergeFactor">Samples merged into one older sample.</param>
    public ContainerHistory(int recentLength, int olderLength, int mergeFactor)
    {
        _recent = new SampleRing<PackedSample>(recentLength);
        _older = olderLength > 0 && mergeFactor > 1 ? new SampleRing<PackedSample>(olderLength) : null;
        _merging = new PackedSample[_older is null ? 0 : mergeFactor];
    }

    public ContainerSample? Latest => _recent.Latest?.Unpack();

    public void Add(ContainerSample sample)
    {
        lock (_lock)
        {
            if (_recent.Add(new PackedSample(sample), out var evicted) && _older is not null)
            {
                _merging[_merged++] = evicted;
                if (_merged == _merging.Length)
                {
                    _older.Add(PackedSample.Merge(_merging));
                    _merged = 0;
                }
            }
        }
    }

    /// <summary>Oldest first: the merged samples, then the ones not yet merged, then the recent ones.</summary>
    public List<ContainerSample> ToList()
    {
        lock (_lock)
        {
            var older = _older?.ToList() ?? [];
            var recent = _recent.ToList();
            var list = new List<ContainerSample>(older.Count + _merged + recent.Count);
            list.AddRange(older.Select(s => s.Unpack()));
            list.AddRange(_merging.Take(_merged).Select(s => s.Unpack()));
            list.AddRange(recent.Select(s => s.Unpack()));
            return list;
        }
    }
}
