using Boilerhouse.Core.Containers;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Pools;

[GenerateSerializer, Immutable]
public sealed record PoolSnapshot(
    [property: Id(0)] string PoolId,
    [property: Id(1)] int MinSize,
    [property: Id(2)] int MaxSize,
    [property: Id(3)] int Warm,
    [property: Id(4)] int Claimed,
    [property: Id(5)] int Starting,
    [property: Id(6)] int Unhealthy,
    [property: Id(7)] string? LastError,
    [property: Id(8)] DateTimeOffset? LastErrorAt,
    [property: Id(9)] IReadOnlyList<PoolContainerView> Containers,
    [property: Id(10)] bool Paused = false,
    // Claims waiting in the pool's line for a container.
    [property: Id(11)] int Waiting = 0)
{
    public int Total => Warm + Claimed + Starting + Unhealthy;
}

[GenerateSerializer, Immutable]
public sealed record PoolContainerView(
    [property: Id(0)] string Name,
    [property: Id(1)] string? ContainerId,
    [property: Id(2)] ContainerStatus Status,
    [property: Id(3)] string? TenantId,
    [property: Id(4)] ContainerEndpoints Endpoints,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset? ReadyAt,
    [property: Id(7)] DateTimeOffset? ClaimedAt,
    [property: Id(8)] string? HostId = null,
    // True while its Docker host is unhealthy: a claimed container waits there until the host is back or it is released.
    [property: Id(9)] bool HostUnavailable = false);
