using Boilerhouse.Core.Containers;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>
/// Decides how Docker's view of a pool and its books are matched: which containers are adopted,
/// kept for their tenants or reaped, and which are dead or vanished. It changes only the book; the
/// grain carries out the returned decisions (saves, removes, tells tenants).
/// </summary>
/// <param name="generation">The current workload spec's fingerprint: only its containers are adopted.</param>
/// <param name="hostCount">All configured hosts: a container of unknown host is judged only when every host answered.</param>
internal sealed class PoolReconciler(PoolBook book, string generation, int hostCount)
{
    /// <summary>
    /// First match after activation: claimed containers stay, healthy warm containers of the current
    /// spec (as their record says) are adopted up to max_size, anything else of this pool is reaped;
    /// records of containers that are gone (and not claimed) are stale.
    /// </summary>
    public InitialReconcile Reconcile(LiveContainers live, IReadOnlyDictionary<string, ContainerStatus> recordedStatus)
    {
        var reaped = new List<PoolMember>();
        foreach (var (hostId, container) in live.Containers)
        {
            if (book.TryGet(container.Name, out var known) && known.Status == ContainerStatus.Claimed)
            {
                continue;
            }

            var adoptable = IsAlive(container)
                && container.Labels.GetValueOrDefault(ContainerLabels.Generation) == generation
                && recordedStatus.GetValueOrDefault(container.Name, ContainerStatus.Removing) == ContainerStatus.Warm
                && book.Hosts.CanKeepWarm(hostId)
                && book.Members.Count < book.Sizing.MaxSize;
            if (adoptable)
            {
                book.AdoptWarm(hostId, container);
                continue;
            }

            reaped.Add(Reap(hostId, container));
        }

        var liveNames = live.Containers.Select(c => c.Info.Name).ToHashSet(StringComparer.Ordinal);
        // Claimed ones are settled by the vanished check instead: their host may just be unreachable.
        var stale = recordedStatus.Where(r => !liveNames.Contains(r.Key) && r.Value != ContainerStatus.Claimed).Select(r => r.Key).ToList();
        return new InitialReconcile(reaped, stale, ForgetVanishedClaimed(live, live.ByName()));
    }

    /// <summary>Containers of this pool that it does not know (left by a crash, or written off on a host that was down) are reaped.</summary>
    public IReadOnlyList<PoolMember> ReapUnknown(LiveContainers live)
    {
        var reaped = new List<PoolMember>();
        foreach (var (hostId, container) in live.Containers)
        {
            if (!book.TryGet(container.Name, out _))
            {
                reaped.Add(Reap(hostId, container));
            }
        }

        return reaped;
    }

    /// <summary>
    /// Warm containers that died or turned unhealthy are written off (now Unhealthy, to be removed); a
    /// claimed container that vanished leaves the books, for its tenant to be told. Only containers on
    /// hosts that answered are judged.
    /// </summary>
    public DeadContainers FindDead(LiveContainers live)
    {
        var byName = live.ByName();
        var dead = new List<PoolMember>();
        foreach (var name in book.Warm.ToList())
        {
            book.TryGet(name, out var member);
            if (!live.Covers(member.HostId, hostCount) || (byName.TryGetValue(name, out var found) && IsAlive(found.Info)))
            {
                continue;
            }

            dead.Add(book.Retire(name, ContainerStatus.Unhealthy));
        }

        return new DeadContainers(dead, ForgetVanishedClaimed(live, byName));
    }

    private IReadOnlyList<PoolMember> ForgetVanishedClaimed(LiveContainers live, Dictionary<string, LiveContainer> byName)
    {
        var claimed = book.Members.Where(m => m.Status == ContainerStatus.Claimed).ToList();
        foreach (var member in claimed)
        {
            // A claimed container loaded from a tenant assignment learns its host here.
            if (byName.TryGetValue(member.Name, out var found))
            {
                member.HostId ??= found.HostId;
            }
        }

        var vanished = claimed.Where(m => !byName.ContainsKey(m.Name) && live.Covers(m.HostId, hostCount)).ToList();
        foreach (var member in vanished)
        {
            book.Remove(member.Name);
        }

        return vanished;
    }

    private PoolMember Reap(string hostId, ContainerInfo container)
    {
        var member = new PoolMember(container.Name, container.CreatedAt) { ContainerId = container.Id, HostId = hostId, Status = ContainerStatus.Removing };
        book.Track(member);
        return member;
    }

    private static bool IsAlive(ContainerInfo container) =>
        container.Running && container.Health is ContainerHealth.Healthy or ContainerHealth.None;
}

/// <summary>The first reconcile's decisions: containers to remove, stale records to delete, claimed containers that vanished.</summary>
internal sealed record InitialReconcile(IReadOnlyList<PoolMember> Reaped, IReadOnlyList<string> StaleRecords, IReadOnlyList<PoolMember> Vanished);

/// <summary>Warm containers written off as dead (to save and remove) and claimed ones that vanished (to forget and tell their tenants).</summary>
internal sealed record DeadContainers(IReadOnlyList<PoolMember> DeadWarm, IReadOnlyList<PoolMember> Vanished);
