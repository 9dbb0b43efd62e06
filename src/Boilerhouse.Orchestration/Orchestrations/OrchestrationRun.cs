using System.Diagnostics;
using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>One run (first or resumed) of a stored instance, as its tenant grain hands it to the runner.</summary>
public sealed class OrchestrationRun(OrchestrationRecord record)
{
    public OrchestrationRecord Record { get; } = record;

    /// <summary>Secret values of a claim, in memory only: null for a claim resumed after a restart.</summary>
    public IReadOnlyDictionary<string, string>? Secrets { get; init; }

    /// <summary>The tenant's assignment as its grain holds it when the run starts.</summary>
    public TenantRecord? Assignment { get; init; }

    public CancellationToken Terminate { get; init; }

    /// <summary>The span of the request that started the instance: its run joins that trace (default: a trace of its own).</summary>
    public ActivityContext Caller { get; init; }

    public Func<string> TerminationReason { get; init; } = () => "terminated";

    /// <summary>The last step this run executed that changes the tenant's assignment (null: none): the grain takes its value or reloads it.</summary>
    public AssignmentWrite? AssignmentWritten { get; set; }
}
