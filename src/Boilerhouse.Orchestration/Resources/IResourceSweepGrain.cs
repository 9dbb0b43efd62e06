namespace Boilerhouse.Orchestration.Resources;

/// <summary>
/// Who samples containers' resources in a cluster (key <see cref="ResourceSweepGrain.Key"/>): one
/// silo holds a lease and sweeps every host once per interval; it publishes each sweep's raw
/// readings here and the other silos replay them into their own <see cref="ResourceBook"/>, so
/// every silo shows the same figures while each host is read once.
/// </summary>
public interface IResourceSweepGrain : IGrainWithStringKey
{
    /// <summary>True when <paramref name="silo"/> samples this interval: it holds the lease, or takes it because none is held or it ran out.</summary>
    Task<bool> HoldLeaseAsync(string silo, TimeSpan lease);

    /// <summary>The lease holder's latest sweep; one from a silo that no longer holds the lease is dropped.</summary>
    Task PublishAsync(string silo, PublishedSweep sweep);

    /// <summary>The latest sweep when it is newer than <paramref name="after"/>, else null.</summary>
    Task<PublishedSweep?> LatestAsync(DateTimeOffset after);
}
