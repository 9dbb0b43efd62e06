using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>
/// A pool's books, in memory and free of I/O: its members and their states, the warm list, what a
/// take hands out, how many containers a refill starts, and what a claim is told when nothing is
/// warm. The grain feeds it messages and carries out its answers (saves, creates, removes).
/// </summary>
internal sealed class PoolBook(string poolId, PoolSpec sizing, TimeProvider time)
{
    /// <summary>After no host had room, warming waits this long before asking again; claims meanwhile get the reason.</summary>
    public static readonly TimeSpan NoRoomPause = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, PoolMember> _members = [];
    // Warm containers in the order they became ready: the oldest is handed out first.
    private readonly LinkedList<string> _warm = new();
    private PlacementResult? _noRoom;
    private DateTimeOffset _noRoomUntil;

    public string PoolId => poolId;

    public PoolSpec Sizing => sizing;

    /// <summary>The current workload spec's fingerprint; containers started from another one never join the warm list.</summary>
    public string? Generation { get; set; }

    /// <summary>Paused (or drained): nothing is started, not even for a claim; warm containers are still handed out.</summary>
    public bool Paused { get; set; }

    /// <summary>New sizes take effect at the next refill or trim; members are not touched.</summary>
    public void Resize(PoolSpec next) => sizing = next;

    /// <summary>After a scale down: the oldest warm containers beyond min_size (or beyond max_size in all) leave at once (returned, now Removing).</summary>
    public IReadOnlyList<PoolMember> TrimToSize()
    {
        var trimmed = new List<PoolMember>();
        while (_warm.First is { } oldest && (_warm.Count > sizing.MinSize || _members.Values.Count(m => m.Status != ContainerStatus.Removing) > sizing.MaxSize))
        {
            trimmed.Add(Retire(oldest.Value, ContainerStatus.Removing));
        }

        return trimmed;
    }

    /// <summary>Containers still starting are marked so that they are removed when ready rather than joining the warm list.</summary>
    public void DiscardStarting()
    {
        foreach (var member in _members.Values.Where(m => m.Status == ContainerStatus.Starting))
        {
            member.Generation = "discarded";
        }
    }

    /// <summary>Every warm container leaves the warm list (returned, now Removing); claimed ones stay with their tenants.</summary>
    public IReadOnlyList<PoolMember> RetireWarm() => [.. _warm.ToList().Select(name => Retire(name, ContainerStatus.Removing))];

    public PoolHostConditions Hosts { get; } = new();

    public PoolBackoff Backoff { get; } = new(time);

    /// <summary>False until Docker and the database have been matched once; nothing is started or handed out before.</summary>
    public bool Reconciled { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? LastErrorAt { get; private set; }

    public IReadOnlyCollection<PoolMember> Members => _members.Values;

    /// <summary>Warm container names, oldest first.</summary>
    public IReadOnlyCollection<string> Warm => _warm;

    public bool AnyStarting => _members.Values.Any(m => m.Status == ContainerStatus.Starting);

    public bool PausedForRoom => time.GetUtcNow() < _noRoomUntil;

    public bool TryGet(string containerName, out PoolMember member) => _members.TryGetValue(containerName, out member!);

    public void MarkReconciled() => Reconciled = true;

    public void RecordError(string error)
    {
        LastError = error;
        LastErrorAt = time.GetUtcNow();
    }

    /// <summary>Puts a member on the books as it is (a claimed one loaded at activation, one being reaped).</summary>
    public void Track(PoolMember member) => _members[member.Name] = member;

    /// <summary>Adds a running container as warm: it is handed out after those warm before it.</summary>
    public PoolMember AdoptWarm(string hostId, ContainerInfo container)
    {
        var member = new PoolMember(container.Name, container.CreatedAt)
        {
            ContainerId = container.Id,
            HostId = hostId,
            Status = ContainerStatus.Warm,
            Endpoints = container.Endpoints,
            ReadyAt = time.GetUtcNow(),
        };
        _members[member.Name] = member;
        _warm.AddLast(member.Name);
        return member;
    }

    /// <summary>Takes a container off the books (removed, forgotten or written off).</summary>
    public PoolMember? Remove(string containerName)
    {
        _warm.Remove(containerName);
        return _members.Remove(containerName, out var member) ? member : null;
    }

    /// <summary>Takes a warm container out of the warm list into <paramref name="status"/> (Removing or Unhealthy).</summary>
    public PoolMember Retire(string containerName, ContainerStatus status)
    {
        _warm.Remove(containerName);
        var member = _members[containerName];
        member.Status = status;
        return member;
    }

    /// <summary>The container a claim instance took before, if any: a resumed claim gets it again.</summary>
    public PoolMember? TakenBy(string instanceId) => _members.Values.FirstOrDefault(m => m.ClaimInstanceId == instanceId);

    /// <summary>
    /// Hands the oldest warm container on a Ready host to the claim, else one on a host whose last check
    /// failed (Suspect); never one on a draining or dead host. Null when there is none.
    /// </summary>
    public PoolMember? Take(string tenantId, string instanceId)
    {
        LinkedListNode<string>? chosen = null;
        for (var node = _warm.First; node is not null; node = node.Next)
        {
            var condition = Hosts.Of(_members[node.Value].HostId);
            if (condition == HostCondition.Ready)
            {
                chosen = node;
                break;
            }

            chosen ??= condition == HostCondition.Suspect ? node : null;
        }

        if (chosen is null)
        {
            return null;
        }

        _warm.Remove(chosen);
        var member = _members[chosen.Value];
        member.Status = ContainerStatus.Claimed;
        member.TenantId = tenantId;
        member.ClaimInstanceId = instanceId;
        member.ClaimedAt = time.GetUtcNow();
        return member;
    }

    /// <summary>Puts a take the database refused back at the head of the warm list, unclaimed.</summary>
    public void Untake(PoolMember member)
    {
        member.Status = ContainerStatus.Warm;
        member.TenantId = null;
        member.ClaimInstanceId = null;
        member.ClaimedAt = null;
        _warm.AddFirst(member.Name);
    }

    /// <summary>
    /// How many containers a refill starts now: enough to bring warm (on usable hosts) plus starting up
    /// to min_size, never taking the pool past max_size; none before reconcile, during backoff or while
    /// no host has room.
    /// </summary>
    public int ContainersToStart()
    {
        if (!Reconciled || Paused || !Backoff.CanAttempt || PausedForRoom)
        {
            return 0;
        }

        var warmOrStarting = _members.Values.Count(m =>
            m.Status == ContainerStatus.Starting || (m.Status == ContainerStatus.Warm && Hosts.CanKeepWarm(m.HostId)));
        return Math.Max(0, Math.Min(sizing.MinSize - warmOrStarting, sizing.MaxSize - _members.Count));
    }

    /// <summary>Nothing warm or warming (min_size 0, or all taken) but room to grow: a claim starts one container itself.</summary>
    public bool ShouldStartCold() =>
        !Paused && !AnyStarting && _members.Count < sizing.MaxSize && Backoff.CanAttempt && !PausedForRoom;

    /// <summary>
    /// How many containers to start for claims waiting in line: one for each waiter that no warm or
    /// starting container will serve, never past max_size; none while paused, backing off or out of room.
    /// </summary>
    public int ColdStartsFor(int waiting)
    {
        if (waiting == 0 || !Reconciled || Paused || !Backoff.CanAttempt || PausedForRoom)
        {
            return 0;
        }

        var coming = _members.Values.Count(m =>
            m.Status == ContainerStatus.Starting || (m.Status == ContainerStatus.Warm && Hosts.CanKeepWarm(m.HostId)));
        return Math.Max(0, Math.Min(waiting - coming, sizing.MaxSize - _members.Count));
    }

    public PoolMember AddStarting(string containerName)
    {
        var member = new PoolMember(containerName, time.GetUtcNow()) { Generation = Generation };
        _members[containerName] = member;
        return member;
    }

    public static TakeResult Handed(PoolMember member) => new(member.Name, member.ContainerId, member.Endpoints, null, null);

    public TakeResult Unreachable() =>
        TakeResult.Failed(ErrorCodes.DockerUnavailable, LastError ?? "The Docker engine cannot be reached.");

    /// <summary>What a claim is told when nothing warm could be handed out.</summary>
    public TakeResult NothingWarm()
    {
        if (AnyStarting)
        {
            return TakeResult.Warming;
        }

        if (Paused)
        {
            return TakeResult.Failed(ErrorCodes.PoolExhausted,
                $"Pool '{poolId}' is paused and has no warm container; resume it (POST /api/v1/pools/{poolId}/resume) or retry after a tenant releases one.");
        }

        if (PausedForRoom && _noRoom is { ErrorCode: { } code, ErrorMessage: { } message })
        {
            return TakeResult.Failed(code, message);
        }

        if (Backoff.FailureStreak > 0 && LastError is not null)
        {
            return TakeResult.Failed(ErrorCodes.ContainerFailed, $"Pool '{poolId}' cannot start containers right now: {LastError}");
        }

        return TakeResult.Failed(ErrorCodes.PoolExhausted,
            $"Pool '{poolId}' has no warm container and is at its max_size of {sizing.MaxSize}; retry after a tenant releases one.");
    }

    /// <summary>
    /// Why a claim that found nothing warm should not wait in line, or null when it may: one is
    /// starting, or the pool is full and a release will make room. A paused pool, no room on any host,
    /// or containers that keep failing answer at once, as waiting would not change them.
    /// </summary>
    public TakeResult? RefusesWaiting()
    {
        if (AnyStarting)
        {
            return null;
        }

        var answer = NothingWarm();
        return answer.ErrorCode == ErrorCodes.PoolExhausted && !Paused ? null : answer;
    }

    /// <summary>Puts a take back to warm after its write failed, unless the book has moved on from it meanwhile (removed, or taken anew).</summary>
    public void UntakeIfStill(PoolMember member, string instanceId)
    {
        if (_members.TryGetValue(member.Name, out var known) && ReferenceEquals(known, member)
            && member.Status == ContainerStatus.Claimed && member.ClaimInstanceId == instanceId)
        {
            Untake(member);
        }
    }

    /// <summary>A container finished warming on <paramref name="hostId"/>: it joins the warm list, unless it was written off or its host may no longer keep it.</summary>
    public ReadyOutcome ContainerReady(string containerName, string hostId, ContainerInfo info)
    {
        if (!_members.TryGetValue(containerName, out var member) || member.Status != ContainerStatus.Starting)
        {
            return new ReadyOutcome(ReadyVerdict.Unknown, null);
        }

        member.ContainerId = info.Id;
        member.HostId = hostId;
        member.Endpoints = info.Endpoints;
        // Started from a spec that has since changed (a rollout): it is replaced, never handed out.
        if (!Hosts.CanKeepWarm(hostId) || (member.Generation is not null && member.Generation != Generation))
        {
            member.Status = ContainerStatus.Removing;
            return new ReadyOutcome(ReadyVerdict.HostUnusable, member);
        }

        member.Status = ContainerStatus.Warm;
        member.ReadyAt = time.GetUtcNow();
        _warm.AddLast(containerName);
        Backoff.Reset();
        return new ReadyOutcome(ReadyVerdict.Warm, member);
    }

    /// <summary>Creating a container failed: it is to be removed, and the pool backs off before the next try (returned).</summary>
    public TimeSpan ContainerFailed(string containerName, string? hostId, string error, out PoolMember? member)
    {
        RecordError(error);
        var delay = Backoff.RecordFailure();
        if (_members.TryGetValue(containerName, out member))
        {
            member.HostId = hostId;
            member.Status = ContainerStatus.Removing;
        }

        return delay;
    }

    /// <summary>No host could take the container: it leaves the books and warming pauses. True when the reason is new (worth a log line).</summary>
    public bool ContainerUnplaced(string containerName, string errorCode, string error)
    {
        _members.Remove(containerName);
        var isNew = _noRoom?.ErrorMessage != error;
        _noRoom = PlacementResult.Refused(errorCode, error);
        _noRoomUntil = time.GetUtcNow() + NoRoomPause;
        RecordError(error);
        return isNew;
    }

    /// <summary>Warm containers beyond min_size that have been idle past idle_timeout, oldest first, now Removing.</summary>
    public IReadOnlyList<PoolMember> TrimIdle()
    {
        var cutoff = time.GetUtcNow() - sizing.IdleTimeout;
        var trimmed = new List<PoolMember>();
        while (_warm.Count > sizing.MinSize && _warm.First is { } oldest && _members[oldest.Value].ReadyAt < cutoff)
        {
            trimmed.Add(Retire(oldest.Value, ContainerStatus.Removing));
        }

        return trimmed;
    }

    /// <summary>A host went down: its unclaimed containers leave the books (returned); claimed ones stay with their tenants.</summary>
    public IReadOnlyList<PoolMember> WriteOffHost(string hostId)
    {
        var gone = _members.Values.Where(m => m.HostId == hostId && m.Status != ContainerStatus.Claimed).ToList();
        foreach (var member in gone)
        {
            Remove(member.Name);
        }

        return gone;
    }

    /// <summary>A host is draining: its warm containers (returned) are to be removed so the refill warms them elsewhere.</summary>
    public IReadOnlyList<PoolMember> DrainHost(string hostId) =>
        [.. _members.Values.Where(m => m.HostId == hostId && m.Status == ContainerStatus.Warm).ToList()
            .Select(m => Retire(m.Name, ContainerStatus.Removing))];

    public int CountOn(string hostId) => _members.Values.Count(m => m.HostId == hostId);

    public PoolSnapshot Snapshot()
    {
        int Count(ContainerStatus s) => _members.Values.Count(m => m.Status == s);
        var containers = _members.Values.OrderBy(m => m.CreatedAt)
            .Select(m => m.ToView(hostUnavailable: Hosts.IsUnhealthy(m.HostId))).ToList();
        return new PoolSnapshot(
            poolId, sizing.MinSize, sizing.MaxSize,
            Count(ContainerStatus.Warm), Count(ContainerStatus.Claimed), Count(ContainerStatus.Starting),
            Count(ContainerStatus.Unhealthy) + Count(ContainerStatus.Removing),
            LastError, LastErrorAt, containers, Paused);
    }

    public IReadOnlyList<PoolReservation> Reservations() => [.. _members.Values.Select(m => new PoolReservation(m.Name, m.HostId))];
}
