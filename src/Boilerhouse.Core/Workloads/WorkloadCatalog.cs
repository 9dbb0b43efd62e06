using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Core.Workloads;

/// <summary>
/// The pools of the workloads loaded from a folder of YAML files (one spec per pool, see
/// <see cref="WorkloadSpec.PoolViews"/>), and the errors of the files that did not load.
/// One bad file never keeps the others out; the host decides whether errors stop start-up.
/// The host holds one catalog for its life: a hot reload swaps its whole contents at once
/// (<see cref="Replace"/>), so every holder sees the new set and a reader never sees half of one.
/// </summary>
public sealed class WorkloadCatalog
{
    private volatile Contents _contents;

    private WorkloadCatalog(IReadOnlyList<WorkloadSpec> workloads, IReadOnlyList<WorkloadError> errors) =>
        _contents = new Contents(workloads, errors);

    /// <summary>A catalog with no workloads and no errors.</summary>
    public static WorkloadCatalog Empty => new([], []);

    /// <summary>One spec per pool of the valid workloads (a workload with one pool: the workload itself), in file-name order.</summary>
    public IReadOnlyList<WorkloadSpec> Workloads => _contents.Workloads;

    /// <summary>Every error of every file that did not load, plus a missing or unreadable folder.</summary>
    public IReadOnlyList<WorkloadError> Errors => _contents.Errors;

    public bool HasErrors => Errors.Count > 0;

    public bool TryGet(string id, [NotNullWhen(true)] out WorkloadSpec? workload) => _contents.ById.TryGetValue(id, out workload);

    /// <summary>A catalog of pool specs already validated (ids unique), with the errors to report beside them.</summary>
    public static WorkloadCatalog Of(IReadOnlyList<WorkloadSpec> workloads, IReadOnlyList<WorkloadError> errors) => new(workloads, errors);

    /// <summary>Takes over <paramref name="next"/>'s workloads and errors in one step (hot reload).</summary>
    public void Replace(WorkloadCatalog next)
    {
        ArgumentNullException.ThrowIfNull(next);
        _contents = next._contents;
    }

    /// <summary>
    /// Loads every <c>*.yaml</c> and <c>*.yml</c> file directly in <paramref name="directory"/>, in ordinal
    /// file-name order, so when two files declare the same id the first one wins on every machine.
    /// A file that weakens isolation beyond <paramref name="policy"/> (default: <see cref="WorkloadPolicy.Default"/>) does not load.
    /// </summary>
    public static WorkloadCatalog LoadDirectory(string directory, WorkloadPolicy? policy = null)
    {
        var fullPath = Path.GetFullPath(directory);
        if (!Directory.Exists(fullPath))
        {
            return new WorkloadCatalog([], [new WorkloadError(fullPath, null, "", $"workload directory '{fullPath}' does not exist")]);
        }

        string[] files;
        try
        {
            files = [.. Directory.EnumerateFiles(fullPath)
                .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".yaml" or ".yml")
                .Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new WorkloadCatalog([], [new WorkloadError(fullPath, null, "", $"cannot list workload directory: {e.Message}")]);
        }

        var errors = new List<WorkloadError>();
        var sources = new List<(string File, string Yaml)>();
        foreach (var file in files)
        {
            try
            {
                sources.Add((file, File.ReadAllText(file)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new WorkloadError(file, null, "", $"cannot read file: {e.Message}"));
            }
        }

        return FromSources(sources, errors, policy);
    }

    /// <summary>Builds a catalog from YAML texts already in memory, in the given order (first id wins).</summary>
    public static WorkloadCatalog FromYaml(IEnumerable<(string File, string Yaml)> sources, WorkloadPolicy? policy = null) =>
        FromSources(sources, [], policy);

    private static WorkloadCatalog FromSources(IEnumerable<(string File, string Yaml)> sources, List<WorkloadError> errors, WorkloadPolicy? policy)
    {
        var workloads = new List<WorkloadSpec>();
        var claims = new WorkloadIdClaims();
        foreach (var (file, yaml) in sources)
        {
            var result = WorkloadParser.Parse(yaml, file, policy);
            if (!result.IsValid)
            {
                errors.AddRange(result.Errors);
            }
            else if (claims.TryClaim(result.Spec, file, result.IdLine) is { } taken)
            {
                errors.Add(taken);
            }
            else
            {
                workloads.AddRange(result.Spec.PoolViews());
            }
        }

        return new WorkloadCatalog(workloads.AsReadOnly(), errors.AsReadOnly());
    }

    private sealed class Contents(IReadOnlyList<WorkloadSpec> workloads, IReadOnlyList<WorkloadError> errors)
    {
        public IReadOnlyList<WorkloadSpec> Workloads { get; } = workloads;
        public IReadOnlyList<WorkloadError> Errors { get; } = errors;
        public FrozenDictionary<string, WorkloadSpec> ById { get; } = workloads.ToFrozenDictionary(w => w.Id, StringComparer.Ordinal);
    }
}
