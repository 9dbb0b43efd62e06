using System.Collections.Concurrent;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>
/// Which pools are paused, in this process's memory: a pool grain that is deactivated and comes back
/// stays paused; a restart resumes every pool (as cordons on hosts, pauses are operational, not config).
/// </summary>
public sealed class PoolPauses
{
    private readonly ConcurrentDictionary<string, bool> _paused = new(StringComparer.Ordinal);

    public bool IsPaused(string poolId) => _paused.ContainsKey(poolId);

    public void Set(string poolId, bool paused)
    {
        if (paused)
        {
            _paused[poolId] = true;
        }
        else
        {
            _paused.TryRemove(poolId, out _);
        }
    }
}
