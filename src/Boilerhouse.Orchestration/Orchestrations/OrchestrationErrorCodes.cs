namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>Stable codes of the orchestration layer (the Core codes are in ErrorCodes).</summary>
public static class OrchestrationErrorCodes
{
    public const string Terminated = "TERMINATED";
    public const string ClaimInterrupted = "CLAIM_INTERRUPTED";
    public const string OrchestrationFinished = "ORCHESTRATION_FINISHED";
    public const string OrchestrationRunning = "ORCHESTRATION_RUNNING";
    public const string InstanceIdConflict = "INSTANCE_ID_CONFLICT";

    /// <summary>A resumed instance's history does not match the steps this version runs (an upgrade changed the orchestration).</summary>
    public const string Nondeterministic = "ORCHESTRATION_NONDETERMINISTIC";

    /// <summary>A stored instance names an orchestration this version does not have.</summary>
    public const string Unknown = "ORCHESTRATION_UNKNOWN";
}
