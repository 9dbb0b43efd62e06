using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Core.Workloads;

/// <summary>
/// The workload ids and pool ids taken while a folder loads, in file order: a file whose workload id
/// or any pool id is already taken is ignored with an error, so the first file wins on every machine.
/// </summary>
internal sealed class WorkloadIdClaims
{
    private readonly Dictionary<string, string> _workloads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string WorkloadId, string File)> _pools = new(StringComparer.Ordinal);

    /// <summary>Takes the workload's ids, or answers the error that keeps the file out.</summary>
    public WorkloadError? TryClaim(WorkloadSpec spec, string file, int? idLine)
    {
        if (_workloads.TryGetValue(spec.Id, out var first))
        {
            return new WorkloadError(file, idLine, "x-boilerhouse.id",
                $"workload id '{spec.Id}' is already declared in '{first}'; this file is ignored");
        }

        foreach (var pool in spec.PoolViews())
        {
            if (_pools.TryGetValue(pool.Id, out var owner))
            {
                return new WorkloadError(file, idLine, spec.Pools.Count > 0 ? "x-boilerhouse.pools" : "x-boilerhouse.id",
                    $"pool id '{pool.Id}' is already a pool of workload '{owner.WorkloadId}' ('{owner.File}'); pool ids are unique across workloads, this file is ignored");
            }
        }

        _workloads.Add(spec.Id, file);
        foreach (var pool in spec.PoolViews())
        {
            _pools.Add(pool.Id, (spec.Id, file));
        }

        return null;
    }
}
