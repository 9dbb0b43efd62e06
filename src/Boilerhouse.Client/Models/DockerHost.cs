namespace Boilerhouse.Client.Models;

/// <summary>A Docker host Boilerhouse places containers on.</summary>
/// <param name="Id">The host id.</param>
/// <param name="Endpoint">Its engine address.</param>
/// <param name="Labels">Its placement labels.</param>
/// <param name="Status"><c>unknown</c>, <c>healthy</c> or <c>unhealthy</c>.</param>
/// <param name="AcceptsPlacements">New containers may go there.</param>
/// <param name="Cordoned">Cordoned: no new placements.</param>
/// <param name="Draining">Draining: warm containers move elsewhere.</param>
/// <param name="ConsecutiveFailures">Failed checks in a row.</param>
/// <param name="LastCheckAt">The last check.</param>
/// <param name="LatencyMs">The last ping's latency.</param>
/// <param name="LastError">The last check's error.</param>
/// <param name="Engine">What the engine said about itself.</param>
/// <param name="Capacity">What may be placed there (null budgets are unlimited).</param>
/// <param name="Used">What its containers hold.</param>
/// <param name="Free">Room left.</param>
/// <param name="Condition">Its condition as pools see it.</param>
/// <param name="Containers">Its containers (single-host answers only).</param>
public sealed record DockerHost(
    string Id, string Endpoint, IReadOnlyDictionary<string, string> Labels, string Status, bool AcceptsPlacements,
    bool Cordoned, bool Draining, int ConsecutiveFailures, DateTimeOffset? LastCheckAt, double? LatencyMs, string? LastError,
    HostEngine? Engine, HostResources Capacity, HostResources Used, HostResources Free, string Condition, IReadOnlyList<HostContainer>? Containers);

/// <summary>A Docker engine's facts.</summary>
/// <param name="ServerVersion">Engine version.</param>
/// <param name="ApiVersion">API version.</param>
/// <param name="OperatingSystem">Its operating system.</param>
/// <param name="Cpus">Its CPUs.</param>
/// <param name="MemoryBytes">Its memory.</param>
/// <param name="Containers">Containers on it.</param>
/// <param name="ContainersRunning">Running containers on it.</param>
public sealed record HostEngine(string ServerVersion, string ApiVersion, string OperatingSystem, int Cpus, long MemoryBytes, long Containers, long ContainersRunning);

/// <summary>A count of containers, CPUs and memory; null is unlimited.</summary>
/// <param name="Containers">Containers.</param>
/// <param name="Cpus">CPUs.</param>
/// <param name="MemoryBytes">Memory in bytes.</param>
public sealed record HostResources(int? Containers, decimal? Cpus, long? MemoryBytes);

/// <summary>A container placed on a host.</summary>
/// <param name="PoolId">Its pool.</param>
/// <param name="Name">Its name.</param>
/// <param name="ContainerId">Its Docker id.</param>
/// <param name="Status">Its status in the pool.</param>
/// <param name="TenantId">The tenant holding it.</param>
public sealed record HostContainer(string PoolId, string Name, string? ContainerId, string Status, string? TenantId);
