namespace Boilerhouse.Orchestration.Hosts;

/// <summary>A pool asks for a host for one new container.</summary>
[GenerateSerializer, Immutable]
public sealed record PlacementRequest(
    [property: Id(0)] string PoolId,
    [property: Id(1)] string ContainerName,
    [property: Id(2)] IReadOnlyDictionary<string, string> Labels,
    [property: Id(3)] ResourceNeed Need,
    [property: Id(4)] string? Runtime = null);

/// <summary>The chosen host (its room is now reserved), or a coded reason why there is none.</summary>
[GenerateSerializer, Immutable]
public sealed record PlacementResult(
    [property: Id(0)] string? HostId,
    [property: Id(1)] string? ErrorCode,
    [property: Id(2)] string? ErrorMessage)
{
    public static PlacementResult Placed(string hostId) => new(hostId, null, null);

    public static PlacementResult Refused(string code, string message) => new(null, code, message);
}

/// <summary>One container of a pool and its host (null while it is still being placed), to true up reservations.</summary>
[GenerateSerializer, Immutable]
public sealed record PoolReservation(
    [property: Id(0)] string ContainerName,
    [property: Id(1)] string? HostId);
