using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Core.Workloads.Files;

/// <summary>
/// What runs after a (re)load of the workload folder: the workloads, every error found, and the
/// workloads kept at their last good version because their file is now invalid (or was removed
/// while tenants hold containers), with that file's errors.
/// </summary>
public sealed record WorkloadSet(
    IReadOnlyList<LoadedWorkload> Loaded,
    IReadOnlyList<WorkloadError> Errors,
    IReadOnlyDictionary<string, IReadOnlyList<WorkloadError>> Stale)
{
    public static WorkloadSet Empty { get; } = new([], [], new Dictionary<string, IReadOnlyList<WorkloadError>>());

    /// <summary>Pools removed from their files while tenants hold their containers: they run until released.</summary>
    public IReadOnlyList<RetainedPool> Retained { get; init; } = [];

    public LoadedWorkload? Find(string id) => Loaded.FirstOrDefault(w => w.Spec.Id == id);

    /// <summary>The workload whose file declares pool <paramref name="poolId"/> (a retained pool has none).</summary>
    public LoadedWorkload? FindByPool(string poolId) => Loaded.FirstOrDefault(w => w.Spec.PoolViews().Any(p => p.Id == poolId));

    /// <summary>Every running pool with the workload version it runs: declared ones, then retained ones.</summary>
    public IEnumerable<RetainedPool> RunningPools() =>
        Loaded.SelectMany(w => w.Spec.PoolViews().Select(p => new RetainedPool(w, p))).Concat(Retained);

    public WorkloadCatalog ToCatalog() => WorkloadCatalog.Of([.. RunningPools().Select(r => r.Pool)], Errors);
}
