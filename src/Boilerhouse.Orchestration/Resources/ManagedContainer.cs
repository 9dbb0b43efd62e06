namespace Boilerhouse.Orchestration.Resources;

/// <summary>A container of this installation: its engine id and name, its pool and the Docker host it runs on.</summary>
public sealed record ManagedContainer(string Id, string Name, string PoolId, string HostId);
