using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Core.Containers;

/// <summary>
/// A container to create from a workload. <see cref="Name"/> is unique and deterministic so that a
/// re-run create finds the container it made before. Role volumes are named "{Name}-{role}".
/// With a <see cref="Network"/> the container joins that pool network (made on first use); without
/// one it gets the workload's network mode as written.
/// </summary>
public sealed record ContainerRequest(string Name, WorkloadSpec Workload, IReadOnlyDictionary<string, string> Labels)
{
    public PoolNetwork? Network { get; init; }
}
