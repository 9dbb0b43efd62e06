using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Pools;

namespace Boilerhouse.Orchestration.Hosts;

/// <summary>
/// Tells every pool that a host's condition changed. Called by whoever changed it (the health timer,
/// the hosts API), never by the registry: pools call the registry inside their turns, so the registry
/// must never wait on them.
/// </summary>
public static class HostChanges
{
    public static Task AnnounceAsync(this IGrainFactory grains, WorkloadCatalog workloads, IReadOnlyCollection<HostChange> changes)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(workloads);
        return changes.Count == 0
            ? Task.CompletedTask
            : Task.WhenAll(workloads.Workloads.Select(async w =>
            {
                var pool = grains.GetGrain<IPoolGrain>(w.Id);
                foreach (var change in changes)
                {
                    await pool.HostChangedAsync(change);
                }
            }));
    }
}
