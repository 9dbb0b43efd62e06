namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// One entry of the activity log: an event told in words. The key is the event's id, so every silo
/// may write the events it sees and the database keeps each one once (insert-or-ignore).
/// </summary>
public sealed class ActivityRecord : ILogEntry
{
    public long Id { get; set; }
    public DateTimeOffset Time { get; set; }
    public required string Type { get; set; }
    public string? PoolId { get; set; }
    public string? TenantId { get; set; }
    public string? ContainerId { get; set; }
    public string? HostId { get; set; }
    public required string Sentence { get; set; }
}
