namespace Boilerhouse.Orchestration.Resources;

/// <summary>A container of this installation: its engine id and name, its pool and the Docker host it runs on.</summary>
[GenerateSerializer, Immutable]
public sealed record ManagedContainer([property: Id(0)] string Id, [property: Id(1)] string Name, [property: Id(2)] string PoolId, [property: Id(3)] string HostId);
