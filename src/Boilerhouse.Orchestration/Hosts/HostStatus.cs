namespace Boilerhouse.Orchestration.Hosts;

/// <summary>What the health timer last concluded about a host.</summary>
public enum HostStatus
{
    /// <summary>Not checked yet; placements are allowed (the first check follows at once).</summary>
    Unknown,
    Healthy,
    /// <summary>Failed the configured number of checks in a row: no placements, warm containers written off.</summary>
    Unhealthy,
}

/// <summary>What a pool must do about its containers on a host.</summary>
public enum HostCondition
{
    /// <summary>Use it: hand out its warm containers (a cordoned host is still Ready for those).</summary>
    Ready,
    /// <summary>Its last check failed: hand out warm containers from other hosts first, and warm elsewhere.</summary>
    Suspect,
    /// <summary>Being drained: move its warm containers elsewhere; claimed ones stay until released.</summary>
    Draining,
    /// <summary>Down: its warm containers are written off; claimed ones wait for it to come back.</summary>
    Unhealthy,
}

/// <summary>A host's condition changed (or is not Ready, when a pool asks at activation); Reason says why.</summary>
[GenerateSerializer, Immutable]
public sealed record HostChange(
    [property: Id(0)] string HostId,
    [property: Id(1)] HostCondition Condition,
    [property: Id(2)] string? Reason);
