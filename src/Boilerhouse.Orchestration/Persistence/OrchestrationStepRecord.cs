namespace Boilerhouse.Orchestration.Persistence;

/// <summary>One activity run of an orchestration: written when it ends, so it is the checkpoint.</summary>
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
}

public enum StepOutcome
{
    Succeeded,
    Failed,
    Skipped,
}
