using Boilerhouse.Core.Containers;
using Boilerhouse.Orchestration.Hosts;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>
/// A pool's containers as Docker reports them, from the hosts that answered. Only what a listed host
/// says counts: a host that did not answer says nothing about its containers, so nothing on it is
/// judged dead or unknown.
/// </summary>
internal sealed record LiveContainers(IReadOnlyList<LiveContainer> Containers, IReadOnlySet<string> ListedHosts, IReadOnlyList<string> Errors)
{
    public static async Task<LiveContainers> ListAsync(DockerHosts hosts, IReadOnlyCollection<string> hostIds, IReadOnlyDictionary<string, string> labels)
    {
        var listings = await Task.WhenAll(hostIds.Select(async hostId =>
        {
            try
            {
                var containers = await hosts.Runtime(hostId).ListAsync(labels, CancellationToken.None);
                return (HostId: hostId, Containers: containers, Error: (string?)null);
            }
            catch (ContainerRuntimeUnavailableException ex)
            {
                return (HostId: hostId, Containers: (IReadOnlyList<ContainerInfo>)[], Error: ex.Message);
            }
        }));
        return new LiveContainers(
            [.. listings.Where(l => l.Error is null).SelectMany(l => l.Containers.Select(c => new LiveContainer(l.HostId, c)))],
            listings.Where(l => l.Error is null).Select(l => l.HostId).ToHashSet(StringComparer.Ordinal),
            [.. listings.Select(l => l.Error).OfType<string>()]);
    }

    /// <summary>By container name (names are unique: each is placed once).</summary>
    public Dictionary<string, LiveContainer> ByName()
    {
        var byName = new Dictionary<string, LiveContainer>(StringComparer.Ordinal);
        foreach (var container in Containers)
        {
            byName.TryAdd(container.Info.Name, container);
        }

        return byName;
    }

    /// <summary>Whether this listing can tell if the container is there: its host answered (all hosts did, when its host is unknown).</summary>
    public bool Covers(string? hostId, int hostCount) => hostId is null ? ListedHosts.Count == hostCount : ListedHosts.Contains(hostId);
}

internal sealed record LiveContainer(string HostId, ContainerInfo Info);
