namespace Boilerhouse.Orchestration.Hosts;

/// <summary>
/// The one registry of Docker hosts in the cluster (key <see cref="HostRegistryGrain.Key"/>): their
/// health from the health timer, cordon and drain flags, and what every pool has placed on each, so
/// that placements count each other's reservations. It never calls out, so pools may call it from
/// inside their own turns; whoever changes a host's condition tells the pools (<see cref="HostChanges"/>).
/// </summary>
public interface IHostRegistryGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<HostView>> ListAsync();

    /// <summary>One host, or null when no host has that id.</summary>
    Task<HostView?> GetAsync(string hostId);

    /// <summary>Hosts that are not Ready, for a pool that just activated.</summary>
    Task<IReadOnlyList<HostChange>> GetConditionsAsync();

    /// <summary>Chooses a host for a new container and reserves its room there; idempotent per container name.</summary>
    Task<PlacementResult> PlaceAsync(PlacementRequest request);

    /// <summary>Frees the room of containers that are gone (or written off).</summary>
    Task ReleaseAsync(IReadOnlyList<string> containerNames);

    /// <summary>Makes the pool's reservations match its members (a member without a host keeps what it has).</summary>
    Task SyncPoolAsync(string poolId, ResourceNeed need, IReadOnlyList<PoolReservation> members);

    /// <summary>The health timer's results; a host failing enough checks in a row turns unhealthy. Answers the hosts whose condition changed.</summary>
    Task<IReadOnlyList<HostChange>> ReportProbesAsync(IReadOnlyList<HostProbeResult> results);

    /// <summary>Stops placing on the host; its containers stay. Null when no host has that id.</summary>
    Task<HostView?> CordonAsync(string hostId);

    /// <summary>Places on the host again (ends a cordon or a drain). Null when no host has that id.</summary>
    Task<HostView?> UncordonAsync(string hostId);

    /// <summary>Stops placing and moves the host's warm containers elsewhere; claimed ones stay until released.</summary>
    Task<HostView?> DrainAsync(string hostId);
}
