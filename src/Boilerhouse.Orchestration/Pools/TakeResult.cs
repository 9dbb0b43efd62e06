using Boilerhouse.Core.Containers;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>The answer to a take: a container, or an error code, or "warming, ask again".</summary>
[GenerateSerializer, Immutable]
public sealed record TakeResult(
    [property: Id(0)] string? ContainerName,
    [property: Id(1)] string? ContainerId,
    [property: Id(2)] ContainerEndpoints? Endpoints,
    [property: Id(3)] string? ErrorCode,
    [property: Id(4)] string? ErrorMessage)
{
    public static readonly TakeResult Warming = new(null, null, null, null, null);

    public bool Taken => ContainerName is not null;

    public static TakeResult Failed(string code, string message) => new(null, null, null, code, message);
}
