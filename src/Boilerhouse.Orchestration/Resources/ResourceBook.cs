using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Resources;

/// <summary>
/// The in-memory history of resource use: per container, and summed per pool and per host at each
/// sweep. Written by the sampler only, read by the API and the metrics; nothing here touches Docker,
/// a grain or the database, so reading it never waits behind a claim.
/// </summary>
public sealed class ResourceBook(IOptions<ResourceOptions> options)
{
    private readonly ConcurrentDictionary<string, TrackedContainer> _containers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SampleRing<ResourceTotals>> _pools = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SampleRing<ResourceTotals>> _hosts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SweepReport> _sweeps = new(StringComparer.Ordinal);

    /// <summary>Raised after each sweep's totals are added (open dashboard charts draw the new point; no page polls).</summary>
    public event Action? Swept;

    public IEnumerable<TrackedContainer> Containers => _containers.Values;

    public TrackedContainer Track(ManagedContainer container) =>
        _containers.GetOrAdd(container.Id, _ => new TrackedContainer(container, options.Value));

    /// <summary>A sampled container by its engine id or its name.</summary>
    public TrackedContainer? Find(string idOrName) =>
        _containers.TryGetValue(idOrName, out var tracked) ? tracked : _containers.Values.FirstOrDefault(c => c.Container.Name == idOrName);

    public List<TrackedContainer> InPool(string poolId) =>
        [.. _containers.Values.Where(c => c.Container.PoolId == poolId).OrderBy(c => c.Container.Name, StringComparer.Ordinal)];

    public List<TrackedContainer> OnHost(string hostId) =>
        [.. _containers.Values.Where(c => c.Container.HostId == hostId).OrderBy(c => c.Container.Name, StringComparer.Ordinal)];

    public List<ResourceTotals> PoolHistory(string poolId) => _pools.TryGetValue(poolId, out var ring) ? ring.ToList() : [];

    public List<ResourceTotals> HostHistory(string hostId) => _hosts.TryGetValue(hostId, out var ring) ? ring.ToList() : [];

    public SweepReport? LastSweep(string hostId) => _sweeps.GetValueOrDefault(hostId);

    /// <summary>
    /// Closes a sweep: forgets the containers that no longer run on the hosts that answered, and adds
    /// this sweep's totals per host and per pool. A host that did not answer keeps its containers'
    /// histories and is left out of the totals of that sweep.
    /// </summary>
    public void EndSweep(DateTimeOffset at, IReadOnlyList<HostSweep> sweeps)
    {
        foreach (var sweep in sweeps)
        {
            _sweeps[sweep.Report.HostId] = sweep.Report;
        }

        var reached = sweeps.Where(s => s.Report.Reached).ToList();
        foreach (var sweep in reached)
        {
            var running = sweep.Samples.Select(s => s.Container.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _containers.Values.Where(c => c.Container.HostId == sweep.Report.HostId && !running.Contains(c.Container.Id)))
            {
                _containers.TryRemove(gone.Container.Id, out _);
            }

            RingOf(_hosts, sweep.Report.HostId).Add(ResourceTotals.Of(at, [.. sweep.Samples.Select(s => s.Sample)]));
        }

        var byPool = reached.SelectMany(s => s.Samples).GroupBy(s => s.Container.PoolId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(s => s.Sample).ToList(), StringComparer.Ordinal);
        foreach (var poolId in byPool.Keys.Union(_pools.Keys, StringComparer.Ordinal).ToList())
        {
            RingOf(_pools, poolId).Add(ResourceTotals.Of(at, byPool.GetValueOrDefault(poolId) ?? []));
        }

        Swept?.Invoke();
    }

    private SampleRing<ResourceTotals> RingOf(ConcurrentDictionary<string, SampleRing<ResourceTotals>> rings, string key) =>
        rings.GetOrAdd(key, _ => new SampleRing<ResourceTotals>(options.Value.HistoryLength));
}
