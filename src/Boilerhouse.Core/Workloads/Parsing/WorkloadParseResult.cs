using System.Diagnostics.CodeAnalysis;

namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>The outcome of parsing one workload file: a spec, or every error found in it.</summary>
public sealed class WorkloadParseResult
{
    private WorkloadParseResult(WorkloadSpec? spec, IReadOnlyList<WorkloadError> errors, int? idLine)
    {
        Spec = spec;
        Errors = errors;
        IdLine = idLine;
    }

    /// <summary>The validated spec, with secure defaults applied; null when there are errors.</summary>
    public WorkloadSpec? Spec { get; }

    /// <summary>Every error found; empty when <see cref="Spec"/> is set.</summary>
    public IReadOnlyList<WorkloadError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Spec))]
    public bool IsValid => Spec is not null;

    // Where x-boilerhouse.id was written, so the catalog can point a duplicate id at its line.
    internal int? IdLine { get; }

    internal static WorkloadParseResult Success(WorkloadSpec spec, int? idLine) => new(spec, [], idLine);

    internal static WorkloadParseResult Failure(IEnumerable<WorkloadError> errors) => new(null, [.. errors], null);
}
