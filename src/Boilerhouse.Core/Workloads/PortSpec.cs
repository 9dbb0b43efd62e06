namespace Boilerhouse.Core.Workloads;

/// <summary>
/// A published container port. Host port null means Docker picks a free one, which is what a pool
/// of many identical containers needs.
/// </summary>
public sealed record PortSpec(int ContainerPort, string Protocol, string HostIp, int? HostPort);
