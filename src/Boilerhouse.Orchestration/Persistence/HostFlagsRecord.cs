namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// An operator's cordon or drain of one Docker host, kept so that it outlives the silo holding the
/// host registry (and a restart); a host without a row is neither cordoned nor draining.
/// </summary>
public sealed class HostFlagsRecord
{
    public required string HostId { get; set; }
    public bool Cordoned { get; set; }
    public bool Draining { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
