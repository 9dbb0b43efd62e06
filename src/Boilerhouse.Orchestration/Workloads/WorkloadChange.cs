using Boilerhouse.Core.Workloads.Files;
using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Orchestration.Workloads;

/// <summary>The outcome of a change through the API: the workload as it now runs, or why nothing changed.</summary>
public sealed record WorkloadChange(LoadedWorkload? Workload, string? ErrorCode = null, string? Message = null, IReadOnlyList<WorkloadError>? Errors = null)
{
    public static WorkloadChange Done(LoadedWorkload? workload) => new(workload);

    public static WorkloadChange Refused(string code, string message, IReadOnlyList<WorkloadError>? errors = null) => new(null, code, message, errors);
}
