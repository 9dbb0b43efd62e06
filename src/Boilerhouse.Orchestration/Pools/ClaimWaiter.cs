namespace Boilerhouse.Orchestration.Pools;

/// <summary>
/// One claim waiting in its pool's line: its tenant, its instance (a retry of the same instance is
/// the same waiter), until when it waits, and the answer its waiting call is given when served.
/// </summary>
internal sealed class ClaimWaiter(string tenantId, string instanceId, DateTimeOffset deadline)
{
    public string TenantId { get; } = tenantId;

    public string InstanceId { get; } = instanceId;

    public DateTimeOffset Deadline { get; } = deadline;

    /// <summary>Completed once: the container handed out, a refusal, or the error that stopped the hand-out.</summary>
    public TaskCompletionSource<TakeResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True while its hand-out is being written to the database (out of the line, not yet answered).</summary>
    public bool BeingServed { get; set; }
}
