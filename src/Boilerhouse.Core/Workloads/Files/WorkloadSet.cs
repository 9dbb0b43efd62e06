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

    public LoadedWorkload? Find(string id) => Loaded.FirstOrDefault(w => w.Spec.Id == id);

    /// <summary>The workload that declares pool <paramref name="poolId"/>.</summary>
    public LoadedWorkload? FindByPool(string poolId) => Loaded.FirstOrDefault(w => w.Spec.PoolViews().Any(p => p.Id == poolId));

    public WorkloadCatalog ToCatalog() => WorkloadCatalog.Of([.. Loaded.SelectMany(w => w.Spec.PoolViews())], Errors);
}
