namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// One attempt of one activity of an orchestration, written when it ends: a succeeded step is the
/// checkpoint an interrupted instance resumes from. <see cref="Sequence"/> numbers the activity
/// calls of the instance; retries of one call share it.
/// </summary>
public sealed class OrchestrationStepRecord
{
    public long Id { get; set; }
    public required string InstanceId { get; set; }
    public int Sequence { get; set; }
    public required string Name { get; set; }
    public int Attempt { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset EndedAt { get; set; }
    public StepOutcome Outcome { get; set; }
    public string? Error { get; set; }
    /// <summary>The activity's result, replayed instead of re-running the activity when the instance resumes.</summary>
    public string? OutputJson { get; set; }
}

public enum StepOutcome
{
    Succeeded,
    Failed,
    Skipped,
}
