namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// One command run or terminal opened in a container through the API (seed 001's command log): who
/// (key), where (tenant, container), what (argv as JSON), when, how long, how it ended.
/// </summary>
public sealed class CommandRecord : ILogEntry
{
    public long Id { get; set; }
    /// <summary>When it started.</summary>
    public DateTimeOffset Time { get; set; }
    /// <summary>"exec" or "terminal".</summary>
    public required string Kind { get; set; }
    public string? TenantId { get; set; }
    public required string ContainerId { get; set; }
    public required string HostId { get; set; }
    public string? KeyId { get; set; }
    public string? KeyName { get; set; }
    /// <summary>The argv as a JSON array.</summary>
    public required string Command { get; set; }
    public long DurationMs { get; set; }
    /// <summary>Null when the engine recorded none (a failure, a kill that did not finish).</summary>
    public long? ExitCode { get; set; }
    public bool TimedOut { get; set; }
    /// <summary>Why it did not run or end normally, when it did not.</summary>
    public string? Error { get; set; }
}
