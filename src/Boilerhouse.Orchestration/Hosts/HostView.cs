namespace Boilerhouse.Orchestration.Hosts;

/// <summary>A Docker host as the registry sees it now: health, flags, engine facts, capacity and what is placed on it.</summary>
[GenerateSerializer, Immutable]
public sealed record HostView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Endpoint,
    [property: Id(2)] IReadOnlyDictionary<string, string> Labels,
    [property: Id(3)] HostStatus Status,
    [property: Id(4)] bool Cordoned,
    [property: Id(5)] bool Draining,
    [property: Id(6)] int ConsecutiveFailures,
    [property: Id(7)] DateTimeOffset? LastCheckAt,
    [property: Id(8)] double? LastLatencyMs,
    [property: Id(9)] string? LastError,
    [property: Id(10)] HostEngine? Engine,
    [property: Id(11)] HostCapacity Capacity,
    [property: Id(12)] HostUsage Used,
    [property: Id(13)] HostCondition Condition)
{
    /// <summary>What pools are told about this host.</summary>
    public HostChange Change => new(Id, Condition, LastError);

    /// <summary>New containers may go here (labels and room permitting).</summary>
    public bool AcceptsPlacements => Status != HostStatus.Unhealthy && !Cordoned && !Draining;
}

/// <summary>What the engine said about itself at the last successful check.</summary>
[GenerateSerializer, Immutable]
public sealed record HostEngine(
    [property: Id(0)] string ServerVersion,
    [property: Id(1)] string ApiVersion,
    [property: Id(2)] string OperatingSystem,
    [property: Id(3)] int Cpus,
    [property: Id(4)] long MemoryBytes,
    [property: Id(5)] long Containers,
    [property: Id(6)] long ContainersRunning,
    [property: Id(7)] IReadOnlyList<string> Runtimes);

/// <summary>One health check of one host: the engine's facts and ping latency, or why it failed.</summary>
[GenerateSerializer, Immutable]
public sealed record HostProbeResult(
    [property: Id(0)] string HostId,
    [property: Id(1)] double? LatencyMs,
    [property: Id(2)] HostEngine? Engine,
    [property: Id(3)] string? Error)
{
    public bool Ok => Error is null;
}
