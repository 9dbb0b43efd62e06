using Boilerhouse.Orchestration.Hosts;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>
/// The pool's view of its Docker hosts: only hosts that are not Ready are kept, with the reason; a
/// host missing here is Ready.
/// </summary>
internal sealed class PoolHostConditions
{
    private readonly Dictionary<string, HostChange> _notReady = new(StringComparer.Ordinal);

    public HostCondition Of(string? hostId) =>
        hostId is not null && _notReady.TryGetValue(hostId, out var change) ? change.Condition : HostCondition.Ready;

    /// <summary>Warm containers are kept (and handed out) on hosts that are not draining or down.</summary>
    public bool CanKeepWarm(string? hostId) => Of(hostId) is HostCondition.Ready or HostCondition.Suspect;

    public bool IsUnhealthy(string? hostId) => Of(hostId) == HostCondition.Unhealthy;

    /// <summary>Records a change and returns the host's condition before it.</summary>
    public HostCondition Apply(HostChange change)
    {
        var before = Of(change.HostId);
        if (change.Condition == HostCondition.Ready)
        {
            _notReady.Remove(change.HostId);
        }
        else
        {
            _notReady[change.HostId] = change;
        }

        return before;
    }

    /// <summary>Why no host could be listed, for the pool's last error.</summary>
    public string Describe() =>
        string.Join("; ", _notReady.Values.Select(c => $"Docker host '{c.HostId}' is unavailable: {c.Reason}"));
}
