namespace Boilerhouse.Orchestration.Hosts;

/// <summary>What Boilerhouse may place on a host; a null budget is unlimited.</summary>
[GenerateSerializer, Immutable]
public sealed record HostCapacity(
    [property: Id(0)] int? MaxContainers,
    [property: Id(1)] decimal? Cpus,
    [property: Id(2)] long? MemoryBytes)
{
    public static readonly HostCapacity Unlimited = new(null, null, null);
}

/// <summary>What containers on a host hold (or one container needs): a count, CPUs and memory.</summary>
[GenerateSerializer, Immutable]
public sealed record HostUsage(
    [property: Id(0)] int Containers,
    [property: Id(1)] decimal Cpus,
    [property: Id(2)] long MemoryBytes)
{
    public static readonly HostUsage None = new(0, 0m, 0);

    public HostUsage Add(ResourceNeed need) => new(Containers + 1, Cpus + need.Cpus, MemoryBytes + need.MemoryBytes);
}
