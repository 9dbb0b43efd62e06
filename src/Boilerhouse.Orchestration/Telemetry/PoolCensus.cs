using System.Collections.Concurrent;

namespace Boilerhouse.Orchestration.Telemetry;

/// <summary>
/// The latest container counts of every pool, written by each pool grain after each of its turns.
/// Metrics scrapes and the stats API read it here, so they never call a grain.
/// </summary>
public sealed class PoolCensus
{
    private readonly ConcurrentDictionary<string, PoolCounts> _pools = new(StringComparer.Ordinal);

    public void Publish(string poolId, PoolCounts counts) => _pools[poolId] = counts;

    /// <summary>Counts of a pool; none for a pool whose grain has not reported yet.</summary>
    public PoolCounts Of(string poolId) => _pools.GetValueOrDefault(poolId, PoolCounts.None);

    public IReadOnlyList<KeyValuePair<string, PoolCounts>> All() => [.. _pools];
}
