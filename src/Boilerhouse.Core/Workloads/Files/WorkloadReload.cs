using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Core.Workloads.Files;

/// <summary>
/// Decides what runs after the workload files changed: valid files run as written; an invalid file
/// keeps its last good version running and is reported; a removed file's workload, or a pool
/// removed from a file, goes, unless tenants still hold its containers (it keeps running, reported,
/// until they release, so their releases still save their state).
/// </summary>
public static class WorkloadReload
{
    /// <param name="previous">What ran before.</param>
    /// <param name="sources">Every file of the folder now, in ordinal name order (the first of two files with one id wins).</param>
    /// <param name="inUse">Whether a pool (by id) has claimed containers.</param>
    public static WorkloadSet Merge(
        WorkloadSet previous, IEnumerable<(string File, string Yaml)> sources, WorkloadPolicy? policy, Func<string, bool> inUse,
        IEnumerable<WorkloadError>? folderErrors = null)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(inUse);
        var errors = new List<WorkloadError>(folderErrors ?? []);
        var stale = new Dictionary<string, IReadOnlyList<WorkloadError>>(StringComparer.Ordinal);
        var loaded = new List<LoadedWorkload>();
        var byId = new Dictionary<string, LoadedWorkload>(StringComparer.Ordinal);
        var claims = new WorkloadIdClaims();
        var files = new HashSet<string>(StringComparer.Ordinal);

        // A kept version may collide with a file loaded before it (its pools were taken meanwhile): it then goes.
        bool Add(LoadedWorkload workload, int? idLine = null)
        {
            if (claims.TryClaim(workload.Spec, workload.File, idLine) is { } taken)
            {
                errors.Add(taken);
                return false;
            }

            byId.Add(workload.Spec.Id, workload);
            loaded.Add(workload);
            return true;
        }

        foreach (var (file, yaml) in sources)
        {
            files.Add(file);
            var result = WorkloadParser.Parse(yaml, file, policy);
            if (result.IsValid)
            {
                Add(new LoadedWorkload(result.Spec, file, yaml), result.IdLine);
                continue;
            }

            errors.AddRange(result.Errors);
            if (previous.Loaded.FirstOrDefault(w => w.File == file) is { } lastGood && !byId.ContainsKey(lastGood.Spec.Id) && Add(lastGood))
            {
                stale[lastGood.Spec.Id] = result.Errors;
            }
        }

        foreach (var gone in previous.Loaded.Where(w => !files.Contains(w.File) && !byId.ContainsKey(w.Spec.Id) && w.Spec.PoolViews().Any(p => inUse(p.Id))))
        {
            var error = new WorkloadError(gone.File, null, "",
                $"the file was removed while tenants hold containers of workload '{gone.Spec.Id}'; it keeps running until they release "
                + "(or DELETE /api/v1/workloads/{id}?force=true releases them)");
            if (Add(gone))
            {
                errors.Add(error);
                stale[gone.Spec.Id] = [error];
            }
        }

        var running = loaded.SelectMany(w => w.Spec.PoolViews()).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var retained = previous.RunningPools().Where(r => !running.Contains(r.Pool.Id) && inUse(r.Pool.Id)).ToList();
        errors.AddRange(retained.Select(r => new WorkloadError(r.Owner.File, null, "x-boilerhouse.pools",
            $"pool '{r.Pool.Id}' was removed while tenants hold its containers; it keeps running until they release "
            + $"(or DELETE /api/v1/workloads/{r.Owner.Spec.Id}?force=true releases them with the workload)")));
        return new WorkloadSet(loaded.AsReadOnly(), errors.AsReadOnly(), stale) { Retained = retained.AsReadOnly() };
    }
}
