using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Core.Containers;

/// <summary>
/// A container to create from a workload. <see cref="Name"/> is unique and deterministic so that a
/// re-run create finds the container it made before. Role volumes are named "{Name}-{role}".
/// </summary>
public sealed record ContainerRequest(string Name, WorkloadSpec Workload, IReadOnlyDictionary<string, string> Labels);
