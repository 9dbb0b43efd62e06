using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Pools;

public sealed class PoolGrain(
    WorkloadCatalog workloads,
    ContainerFactory factory,
    DockerHosts hosts,
    ContainerLocator locator,
    IDbContextFactory<BoilerhouseDb> dbFactory,
    IOptions<PoolOptions> options,
    TimeProvider time,
    ILogger<PoolGrain> logger) : Grain, IPoolGrain
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RefillDelay = TimeSpan.FromMilliseconds(750);
    // After no host had room, warming waits this long before asking again; claims meanwhile get the reason.
    private static readonly TimeSpan NoRoomPause = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, PoolMember> _members = [];
    // Warm containers in the order they became ready: the oldest is handed out first.
    private readonly LinkedList<string> _warm = new();
    // Hosts that are not Ready, with the reason; a host missing here is Ready.
    private readonly Dictionary<string, HostChange> _hostConditions = new(StringComparer.Ordinal);
    private WorkloadSpec _spec = null!;
    private string _generation = "";
    private ResourceNeed _need = ResourceNeed.None;
    private bool _reconciled;
    private int _failureStreak;
    private DateTimeOffset _nextAttemptAt;
    private PlacementResult? _noRoom;
    private DateTimeOffset _noRoomUntil;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private IGrainTimer? _retryTimer;
    private IGrainTimer? _refillTimer;

    private string PoolId => this.GetPrimaryKeyString();

    private IHostRegistryGrain Registry => GrainFactory.GetGrain<IHostRegistryGrain>(HostRegistryGrain.Key);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _spec = workloads.GetPool(PoolId);
        _generation = WorkloadGeneration.Of(_spec);
        _need = ResourceNeed.Of(_spec.Resources);
        foreach (var change in await Registry.GetConditionsAsync())
        {
            _hostConditions[change.HostId] = change;
        }

        await LoadClaimedAsync(cancellationToken);
        await TryReconcileAsync(cancellationToken);
    }

    public Task<PoolSnapshot> GetSnapshotAsync()
    {
        int Count(ContainerStatus s) => _members.Values.Count(m => m.Status == s);
        var containers = _members.Values.OrderBy(m => m.CreatedAt)
            .Select(m => m.ToView(hostUnavailable: ConditionOf(m.HostId) == HostCondition.Unhealthy)).ToList();
        return Task.FromResult(new PoolSnapshot(
            PoolId, _spec.Pool.MinSize, _spec.Pool.MaxSize,
            Count(ContainerStatus.Warm), Count(ContainerStatus.Claimed), Count(ContainerStatus.Starting),
            Count(ContainerStatus.Unhealthy) + Count(ContainerStatus.Removing),
            _lastError, _lastErrorAt, containers));
    }

    public async Task EnsureWarmAsync()
    {
        if (!_reconciled)
        {
            await TryReconcileAsync(CancellationToken.None);
        }

        Refill();
    }

    public async Task CheckHealthAsync()
    {
        if (await ListLiveAsync() is { } live)
        {
            await ReplaceDeadContainersAsync(live);
        }

        await TrimIdleAsync();
        Refill();
        await SyncReservationsAsync();
    }

    /// <summary>Warm containers beyond min_size (left by cold claims or a smaller min_size) go once idle past idle_timeout.</summary>
    private async Task TrimIdleAsync()
    {
        var cutoff = time.GetUtcNow() - _spec.Pool.IdleTimeout;
        while (_warm.Count > _spec.Pool.MinSize && _warm.First is { } oldest && _members[oldest.Value].ReadyAt < cutoff)
        {
            _warm.RemoveFirst();
            var member = _members[oldest.Value];
            member.Status = ContainerStatus.Removing;
            await SaveAsync(member);
            RemoveInBackground(member);
        }
    }

    public async Task ReconcileAsync()
    {
        if (!_reconciled)
        {
            await TryReconcileAsync(CancellationToken.None);
            return;
        }

        if (await ListLiveAsync() is not { } live)
        {
            return;
        }

        ReapUnknown(live);
        await ReplaceDeadContainersAsync(live);
        Refill();
        await SyncReservationsAsync();
    }

    public async Task<TakeResult> TakeAsync(string tenantId, string instanceId)
    {
        if (_members.Values.FirstOrDefault(m => m.ClaimInstanceId == instanceId) is { } already)
        {
            return new TakeResult(already.Name, already.ContainerId, already.Endpoints, null, null);
        }

        if (!_reconciled)
        {
            await TryReconcileAsync(CancellationToken.None);
            if (!_reconciled)
            {
                return TakeResult.Failed(ErrorCodes.DockerUnavailable, _lastError ?? "The Docker engine cannot be reached.");
            }
        }

        if (TakeWarm() is { } member)
        {
            member.Status = ContainerStatus.Claimed;
            member.TenantId = tenantId;
            member.ClaimInstanceId = instanceId;
            member.ClaimedAt = time.GetUtcNow();
            await SaveAsync(member);
            RefillSoon();
            return new TakeResult(member.Name, member.ContainerId, member.Endpoints, null, null);
        }

        Refill();
        if (!AnyStarting && _members.Count < _spec.Pool.MaxSize && time.GetUtcNow() >= _nextAttemptAt && !PausedForRoom)
        {
            // Nothing warm or warming (min_size 0, or all taken) but room to grow: a cold claim.
            StartOne();
        }

        if (AnyStarting)
        {
            return TakeResult.Warming;
        }

        if (PausedForRoom && _noRoom is { ErrorCode: { } code, ErrorMessage: { } message })
        {
            return TakeResult.Failed(code, message);
        }

        if (_failureStreak > 0 && _lastError is not null)
        {
            return TakeResult.Failed(ErrorCodes.ContainerFailed,
                $"Pool '{PoolId}' cannot start containers right now: {_lastError}");
        }

        return TakeResult.Failed(ErrorCodes.PoolExhausted,
            $"Pool '{PoolId}' has no warm container and is at its max_size of {_spec.Pool.MaxSize}; retry after a tenant releases one.");
    }

    public async Task ForgetAsync(string containerName)
    {
        if (_members.Remove(containerName))
        {
            _warm.Remove(containerName);
        }

        await DeleteRecordAsync(containerName);
        await Registry.ReleaseAsync([containerName]);
        Refill();
    }

    public async Task ContainerReadyAsync(string containerName, string hostId, ContainerInfo info)
    {
        if (!_members.TryGetValue(containerName, out var member) || member.Status != ContainerStatus.Starting)
        {
            // Written off while it was starting: it must not linger.
            RemoveInBackground(containerName, info.Id, hostId);
            return;
        }

        member.ContainerId = info.Id;
        member.HostId = hostId;
        member.Endpoints = info.Endpoints;
        if (!CanKeepWarm(hostId))
        {
            // Its host started draining (or failed) meanwhile: warm one elsewhere instead.
            member.Status = ContainerStatus.Removing;
            await SaveAsync(member);
            RemoveInBackground(member);
            Refill();
            return;
        }

        member.Status = ContainerStatus.Warm;
        member.ReadyAt = time.GetUtcNow();
        _warm.AddLast(containerName);
        _failureStreak = 0;
        await SaveAsync(member);
    }

    public async Task ContainerFailedAsync(string containerName, string? hostId, string error)
    {
        _failureStreak++;
        _lastError = error;
        _lastErrorAt = time.GetUtcNow();
        var delay = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 500 * Math.Pow(2, _failureStreak - 1)));
        _nextAttemptAt = time.GetUtcNow() + delay;
        logger.LogWarning("Container {ContainerName} of pool {PoolId} failed to warm on host {HostId} ({Streak} in a row, next try in {Delay}): {Error}",
            containerName, PoolId, hostId, _failureStreak, delay, error);

        if (_members.TryGetValue(containerName, out var member))
        {
            member.HostId = hostId;
            member.Status = ContainerStatus.Removing;
            await SaveAsync(member);
        }

        RemoveInBackground(containerName, containerName, hostId);
        _retryTimer?.Dispose();
        _retryTimer = this.RegisterGrainTimer(() => EnsureWarmAsync(), new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan));
    }

    public Task ContainerUnplacedAsync(string containerName, string errorCode, string error)
    {
        _members.Remove(containerName);
        if (_noRoom?.ErrorMessage != error)
        {
            logger.LogWarning("Pool {PoolId} cannot place another container: {Error}", PoolId, error);
        }

        _noRoom = PlacementResult.Refused(errorCode, error);
        _noRoomUntil = time.GetUtcNow() + NoRoomPause;
        _lastError = error;
        _lastErrorAt = time.GetUtcNow();
        return Task.CompletedTask;
    }

    public async Task ContainerRemovedAsync(string containerName)
    {
        if (_members.Remove(containerName, out var member) && member.ContainerId is { } id)
        {
            locator.Forget(id);
        }

        locator.Forget(containerName);
        _warm.Remove(containerName);
        await DeleteRecordAsync(containerName);
        await Registry.ReleaseAsync([containerName]);
        Refill();
    }

    public async Task HostChangedAsync(HostChange change)
    {
        var before = ConditionOf(change.HostId);
        if (change.Condition == HostCondition.Ready)
        {
            _hostConditions.Remove(change.HostId);
        }
        else
        {
            _hostConditions[change.HostId] = change;
        }

        if (change.Condition == HostCondition.Unhealthy)
        {
            await WriteOffHostAsync(change.HostId);
        }
        else
        {
            if (before == HostCondition.Unhealthy)
            {
                await ReconcileHostAsync(change.HostId);
            }

            if (change.Condition == HostCondition.Draining)
            {
                await DrainHostAsync(change.HostId);
            }
        }

        Refill();
    }

    /// <summary>
    /// The host is down: its warm (and starting or dying) containers leave the books and are replaced
    /// elsewhere; claimed ones stay with their tenants. Whatever is left on it is reaped by label
    /// when it comes back.
    /// </summary>
    private async Task WriteOffHostAsync(string hostId)
    {
        var gone = _members.Values.Where(m => m.HostId == hostId && m.Status != ContainerStatus.Claimed).ToList();
        foreach (var member in gone)
        {
            _members.Remove(member.Name);
            _warm.Remove(member.Name);
            await DeleteRecordAsync(member.Name);
        }

        if (gone.Count > 0)
        {
            await Registry.ReleaseAsync([.. gone.Select(m => m.Name)]);
        }

        var waiting = _members.Values.Count(m => m.HostId == hostId);
        logger.LogWarning("Docker host {HostId} is unhealthy: pool {PoolId} wrote off {Count} containers there; {Claimed} claimed containers wait for it",
            hostId, PoolId, gone.Count, waiting);
    }

    /// <summary>Moves warm capacity off a draining host: its warm containers go, the refill places new ones elsewhere.</summary>
    private async Task DrainHostAsync(string hostId)
    {
        foreach (var member in _members.Values.Where(m => m.HostId == hostId && m.Status == ContainerStatus.Warm).ToList())
        {
            _warm.Remove(member.Name);
            member.Status = ContainerStatus.Removing;
            await SaveAsync(member);
            RemoveInBackground(member);
        }
    }

    /// <summary>A host that is back: reap what the pool wrote off there, and check its claimed containers.</summary>
    private async Task ReconcileHostAsync(string hostId)
    {
        if (!_reconciled)
        {
            await TryReconcileAsync(CancellationToken.None);
            return;
        }

        if (await ListLiveAsync([hostId]) is { } live)
        {
            ReapUnknown(live);
            await ReplaceDeadContainersAsync(live);
        }
    }

    private HostCondition ConditionOf(string? hostId) =>
        hostId is not null && _hostConditions.TryGetValue(hostId, out var change) ? change.Condition : HostCondition.Ready;

    /// <summary>Warm containers are kept (and handed out) on hosts that are not draining or down.</summary>
    private bool CanKeepWarm(string? hostId) => ConditionOf(hostId) is HostCondition.Ready or HostCondition.Suspect;

    private bool AnyStarting => _members.Values.Any(m => m.Status == ContainerStatus.Starting);

    private bool PausedForRoom => time.GetUtcNow() < _noRoomUntil;

    /// <summary>The oldest warm container on a Ready host, else on a host whose last check failed; never on a draining or dead one.</summary>
    private PoolMember? TakeWarm()
    {
        LinkedListNode<string>? fallback = null;
        for (var node = _warm.First; node is not null; node = node.Next)
        {
            var condition = ConditionOf(_members[node.Value].HostId);
            if (condition == HostCondition.Ready)
            {
                fallback = node;
                break;
            }

            fallback ??= condition == HostCondition.Suspect ? node : null;
        }

        if (fallback is null)
        {
            return null;
        }

        _warm.Remove(fallback);
        return _members[fallback.Value];
    }

    /// <summary>
    /// Refills shortly after a take rather than at once: a burst of claims completes before container
    /// creation starts competing with it for the host's CPU, and the burst is refilled in one go.
    /// </summary>
    private void RefillSoon()
    {
        if (_refillTimer is null && _warm.Count > 0)
        {
            _refillTimer = this.RegisterGrainTimer(() =>
            {
                _refillTimer?.Dispose();
                _refillTimer = null;
                Refill();
                return Task.CompletedTask;
            }, new GrainTimerCreationOptions(RefillDelay, Timeout.InfiniteTimeSpan));
        }
        else if (_warm.Count == 0)
        {
            // Nothing left warm: the next claim would wait, so start now.
            Refill();
        }
    }

    private void Refill()
    {
        if (!_reconciled || time.GetUtcNow() < _nextAttemptAt || PausedForRoom)
        {
            return;
        }

        var warmOrStarting = _members.Values.Count(m =>
            m.Status == ContainerStatus.Starting || (m.Status == ContainerStatus.Warm && CanKeepWarm(m.HostId)));
        var wanted = Math.Min(_spec.Pool.MinSize - warmOrStarting, _spec.Pool.MaxSize - _members.Count);
        for (var i = 0; i < wanted; i++)
        {
            StartOne();
        }
    }

    /// <summary>Places, creates and warms one container off the grain's turn; the outcome is reported back.</summary>
    private void StartOne()
    {
        var name = ContainerNames.New(PoolId);
        var member = new PoolMember(name, time.GetUtcNow());
        _members[name] = member;
        var self = this.AsReference<IPoolGrain>();
        var registry = Registry;
        var spec = _spec;
        var request = new PlacementRequest(PoolId, name, spec.Placement.Labels, _need);
        _ = Task.Run(async () =>
        {
            string? hostId = null;
            try
            {
                var placed = await registry.PlaceAsync(request);
                if (placed.HostId is null)
                {
                    await self.ContainerUnplacedAsync(name, placed.ErrorCode!, placed.ErrorMessage!);
                    return;
                }

                hostId = placed.HostId;
                var info = await factory.CreateWarmAsync(spec, name, hostId, CancellationToken.None);
                await self.ContainerReadyAsync(name, hostId, info);
            }
            catch (Exception ex)
            {
                await self.ContainerFailedAsync(name, hostId, ex.Message);
            }
        });
    }

    private void RemoveInBackground(PoolMember member) => RemoveInBackground(member.Name, member.ContainerId ?? member.Name, member.HostId);

    private void RemoveInBackground(string containerName, string containerIdOrName, string? hostId)
    {
        var self = this.AsReference<IPoolGrain>();
        _ = Task.Run(async () =>
        {
            try
            {
                if (hostId is not null)
                {
                    await hosts.Runtime(hostId).RemoveAsync(containerIdOrName, CancellationToken.None);
                }
            }
            catch (Exception ex)
            {
                // Written off all the same: a reconcile reaps it by label once its host answers.
                logger.LogWarning(ex, "Could not remove container {ContainerName} of pool {PoolId} from host {HostId}; a reconcile reaps it later",
                    containerName, PoolId, hostId);
            }

            await self.ContainerRemovedAsync(containerName);
        });
    }

    /// <summary>
    /// The pool's containers on every host that is not known to be down (or on <paramref name="only"/>
    /// those), or null when no host answered.
    /// </summary>
    private async Task<LiveContainers?> ListLiveAsync(IReadOnlyCollection<string>? only = null)
    {
        var targets = (only ?? [.. hosts.Ids]).Where(h => ConditionOf(h) != HostCondition.Unhealthy).ToList();
        var live = await LiveContainers.ListAsync(hosts, targets, PoolLabels());
        if (live.ListedHosts.Count > 0)
        {
            return live;
        }

        _lastError = live.Errors.FirstOrDefault()
            ?? string.Join("; ", _hostConditions.Values.Select(c => $"Docker host '{c.HostId}' is unavailable: {c.Reason}"));
        _lastErrorAt = time.GetUtcNow();
        return null;
    }

    /// <summary>Containers of this pool that it does not know (left by a crash, or written off on a host that was down) are reaped.</summary>
    private void ReapUnknown(LiveContainers live)
    {
        foreach (var unknown in live.Containers.Where(c => !_members.ContainsKey(c.Info.Name)))
        {
            logger.LogInformation("Reaping container {ContainerName} of pool {PoolId} on host {HostId}: the pool does not know it",
                unknown.Info.Name, PoolId, unknown.HostId);
            var member = new PoolMember(unknown.Info.Name, unknown.Info.CreatedAt)
            {
                ContainerId = unknown.Info.Id,
                HostId = unknown.HostId,
                Status = ContainerStatus.Removing,
            };
            _members[member.Name] = member;
            RemoveInBackground(member);
        }
    }

    /// <summary>
    /// Warm containers that died or turned unhealthy are written off and replaced; a claimed container
    /// that vanished is forgotten and its tenant told, so its status says so. Only containers on hosts
    /// that answered are judged.
    /// </summary>
    private async Task ReplaceDeadContainersAsync(LiveContainers live)
    {
        var byName = live.ByName();
        foreach (var name in _warm.ToList())
        {
            var member = _members[name];
            if (!live.Covers(member.HostId, hosts.Catalog.Hosts.Count)
                || (byName.TryGetValue(name, out var c) && c.Info.Running && c.Info.Health is ContainerHealth.Healthy or ContainerHealth.None))
            {
                continue;
            }

            logger.LogWarning("Warm container {ContainerName} of pool {PoolId} is gone or unhealthy; replacing it", name, PoolId);
            _warm.Remove(name);
            member.Status = ContainerStatus.Unhealthy;
            await SaveAsync(member);
            RemoveInBackground(member);
        }

        await ForgetVanishedClaimedAsync(live, byName);
    }

    private async Task ForgetVanishedClaimedAsync(LiveContainers live, Dictionary<string, LiveContainer> byName)
    {
        foreach (var member in _members.Values.Where(m => m.Status == ContainerStatus.Claimed))
        {
            // A claimed container loaded from a tenant assignment learns its host here.
            if (byName.TryGetValue(member.Name, out var found))
            {
                member.HostId ??= found.HostId;
            }
        }

        var vanished = _members.Values
            .Where(m => m.Status == ContainerStatus.Claimed && !byName.ContainsKey(m.Name) && live.Covers(m.HostId, hosts.Catalog.Hosts.Count))
            .ToList();
        foreach (var member in vanished)
        {
            logger.LogWarning("Claimed container {ContainerName} of pool {PoolId} (tenant {TenantId}) is gone", member.Name, PoolId, member.TenantId);
            _members.Remove(member.Name);
            await DeleteRecordAsync(member.Name);
            if (member.TenantId is { } tenantId)
            {
                await GrainFactory.GetGrain<Tenants.ITenantGrain>(tenantId).ContainerLostAsync(member.Name);
            }
        }

        if (vanished.Count > 0)
        {
            await Registry.ReleaseAsync([.. vanished.Select(m => m.Name)]);
        }
    }

    /// <summary>
    /// Containers handed out stay with their tenants across restarts: those with an assignment, and
    /// those taken by a claim that has not recorded one yet (it resumes and finishes or compensates).
    /// </summary>
    private async Task LoadClaimedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var taken = await db.Containers.AsNoTracking()
            .Where(c => c.PoolId == PoolId && c.Status == ContainerStatus.Claimed).ToListAsync(cancellationToken);
        foreach (var record in taken)
        {
            _members[record.Name] = new PoolMember(record.Name, record.CreatedAt)
            {
                ContainerId = record.ContainerId,
                HostId = string.IsNullOrEmpty(record.HostId) ? null : record.HostId,
                Status = ContainerStatus.Claimed,
                TenantId = record.TenantId,
                ClaimInstanceId = record.ClaimInstanceId,
                ClaimedAt = record.ClaimedAt,
                ReadyAt = record.ReadyAt,
                Endpoints = PoolEndpoints.Parse(record.EndpointsJson),
            };
        }

        var assigned = await db.Tenants.AsNoTracking().Where(t => t.PoolId == PoolId).ToListAsync(cancellationToken);
        foreach (var tenant in assigned.Where(t => !_members.ContainsKey(t.ContainerName)))
        {
            _members[tenant.ContainerName] = new PoolMember(tenant.ContainerName, tenant.ClaimedAt)
            {
                ContainerId = tenant.ContainerId,
                Status = ContainerStatus.Claimed,
                TenantId = tenant.TenantId,
                ClaimInstanceId = tenant.LastInstanceId,
                ClaimedAt = tenant.ClaimedAt,
                Endpoints = PoolEndpoints.Parse(tenant.EndpointsJson),
            };
        }
    }

    /// <summary>
    /// Matches Docker with what the database says: claimed containers stay, healthy warm containers
    /// of the current spec are adopted, anything else of this pool is reaped.
    /// </summary>
    private async Task TryReconcileAsync(CancellationToken cancellationToken)
    {
        if (await ListLiveAsync() is not { } live)
        {
            logger.LogWarning("Pool {PoolId} cannot reach Docker yet: {Error}", PoolId, _lastError);
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var records = await db.Containers.Where(c => c.PoolId == PoolId).ToDictionaryAsync(c => c.Name, cancellationToken);
        foreach (var (hostId, container) in live.Containers)
        {
            if (_members.TryGetValue(container.Name, out var claimed) && claimed.Status == ContainerStatus.Claimed)
            {
                continue;
            }

            var adoptable = container.Running
                && container.Health is ContainerHealth.Healthy or ContainerHealth.None
                && container.Labels.GetValueOrDefault(ContainerLabels.Generation) == _generation
                && records.TryGetValue(container.Name, out var record) && record.Status == ContainerStatus.Warm
                && CanKeepWarm(hostId)
                && _members.Count < _spec.Pool.MaxSize;
            if (adoptable)
            {
                var member = new PoolMember(container.Name, container.CreatedAt)
                {
                    ContainerId = container.Id,
                    HostId = hostId,
                    Status = ContainerStatus.Warm,
                    Endpoints = container.Endpoints,
                    ReadyAt = time.GetUtcNow(),
                };
                _members[container.Name] = member;
                _warm.AddLast(container.Name);
                continue;
            }

            logger.LogInformation("Reaping container {ContainerName} of pool {PoolId} on host {HostId}: not claimed and not adoptable",
                container.Name, PoolId, hostId);
            var reaped = new PoolMember(container.Name, container.CreatedAt) { ContainerId = container.Id, HostId = hostId, Status = ContainerStatus.Removing };
            _members[container.Name] = reaped;
            RemoveInBackground(reaped);
        }

        // Records of containers that are gone; claimed ones are settled below (their host may just be unreachable).
        var liveNames = live.Containers.Select(c => c.Info.Name).ToHashSet();
        db.Containers.RemoveRange(records.Values.Where(r => !liveNames.Contains(r.Name) && r.Status != ContainerStatus.Claimed));
        await db.SaveChangesAsync(cancellationToken);
        await ForgetVanishedClaimedAsync(live, live.ByName());
        _reconciled = true;
        Refill();
        await SyncReservationsAsync();
    }

    /// <summary>Trues up the registry's reservations with the pool's members (cheap; corrects any drift after a restart).</summary>
    private Task SyncReservationsAsync() =>
        Registry.SyncPoolAsync(PoolId, _need, [.. _members.Values.Select(m => new PoolReservation(m.Name, m.HostId))]);

    private Dictionary<string, string> PoolLabels() => ContainerFactory.PoolLabels(PoolId, options.Value);

    private async Task SaveAsync(PoolMember member)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var record = await db.Containers.FindAsync(member.Name);
        if (record is null)
        {
            record = new ContainerRecord
            {
                Name = member.Name,
                PoolId = PoolId,
                WorkloadId = _spec.Id,
                HostId = member.HostId ?? "",
                CreatedAt = member.CreatedAt,
            };
            db.Containers.Add(record);
        }

        record.ContainerId = member.ContainerId;
        record.HostId = member.HostId ?? record.HostId;
        record.Status = member.Status;
        record.TenantId = member.TenantId;
        record.ClaimInstanceId = member.ClaimInstanceId;
        record.ReadyAt = member.ReadyAt;
        record.ClaimedAt = member.ClaimedAt;
        record.EndpointsJson = PoolEndpoints.Format(member.Endpoints);
        await db.SaveChangesAsync();
    }

    private async Task DeleteRecordAsync(string containerName)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.WriteAsync(() => db.Containers.Where(c => c.Name == containerName).ExecuteDeleteAsync());
    }
}
