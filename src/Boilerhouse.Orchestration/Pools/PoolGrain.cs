using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Events;
using Boilerhouse.Orchestration.Events;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>
/// Message handling for one pool: the book decides (who is warm, what a take hands out, how many to
/// start), the reconciler matches Docker, the store persists, background work talks to Docker off
/// the grain's turn and reports back here.
/// </summary>
public sealed partial class PoolGrain(
    WorkloadCatalog workloads,
    ContainerFactory factory,
    DockerHosts hosts,
    ContainerLocator locator,
    IDbContextFactory<BoilerhouseDb> dbFactory,
    IOptions<PoolOptions> options,
    PoolCensus census,
    PoolPauses pauses,
    IEventPublisher events,
    TimeProvider time,
    ILogger<PoolGrain> logger) : Grain, IPoolGrain, IIncomingGrainCallFilter
{
    private static readonly TimeSpan RefillDelay = TimeSpan.FromMilliseconds(750);

    private WorkloadSpec _spec = null!;
    private ResourceNeed _need = ResourceNeed.None;
    private PoolBook _book = null!;
    private PoolReconciler _reconciler = null!;
    private PoolStore _store = null!;
    private PoolRecordsCatchUp _records = null!;
    private PoolBackgroundWork _work = null!;
    private IGrainTimer? _retryTimer;
    private IGrainTimer? _refillTimer;

    private string PoolId => this.GetPrimaryKeyString();

    private IHostRegistryGrain Registry => GrainFactory.GetGrain<IHostRegistryGrain>(HostRegistryGrain.Key);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => DatabaseUnavailable.PortableAsync(() => ActivateAsync(cancellationToken));

    private async Task ActivateAsync(CancellationToken cancellationToken)
    {
        _spec = workloads.GetPool(PoolId);
        _need = ResourceNeed.Of(_spec.Resources);
        _book = new PoolBook(PoolId, _spec.Pool, time) { Generation = WorkloadGeneration.Of(_spec), Paused = pauses.IsPaused(PoolId) };
        _reconciler = new PoolReconciler(_book, _book.Generation, hosts.Catalog.Hosts.Count);
        _store = new PoolStore(dbFactory, PoolId, _spec.WorkloadId);
        _records = new PoolRecordsCatchUp(_store, _book, logger);
        _work = new PoolBackgroundWork(PoolId, this.AsReference<IPoolGrain>(), Registry, factory, hosts, logger);
        foreach (var change in await Registry.GetConditionsAsync())
        {
            _book.Hosts.Apply(change);
        }

        foreach (var member in await _store.LoadClaimedAsync(cancellationToken))
        {
            _book.Track(member);
        }

        await TryReconcileAsync(cancellationToken);
    }

    public Task<PoolSnapshot> GetSnapshotAsync() => Task.FromResult(_book.Snapshot() with { Waiting = _line.Count });

    /// <summary>After every call the pool's counts go to the census, which metrics and stats read without calling the grain.</summary>
    async Task IIncomingGrainCallFilter.Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        finally
        {
            PublishCounts();
            // Whatever the call changed (a container ready, one released, a reconcile), the line is served from it.
            ServeLine();
        }
    }

    public async Task EnsureWarmAsync()
    {
        await _records.CatchUpAsync();
        if (!_book.Reconciled)
        {
            await TryReconcileAsync(CancellationToken.None);
        }

        Refill();
    }

    public async Task CheckHealthAsync()
    {
        await _records.CatchUpAsync();
        if (await ListLiveAsync() is { } live)
        {
            await ReplaceDeadAsync(live);
        }

        // Warm containers beyond min_size (left by cold claims or a smaller min_size) go once idle past idle_timeout.
        var trimmed = _book.TrimIdle();
        foreach (var member in trimmed)
        {
            await _records.SaveAsync(member);
            _work.Remove(member);
        }

        if (trimmed.Count > 0)
        {
            PublishScaled("down", trimmed.Count, "idle warm containers beyond min_size");
        }

        Refill();
        await SyncReservationsAsync();
    }

    public async Task ReconcileAsync()
    {
        if (!_book.Reconciled)
        {
            await TryReconcileAsync(CancellationToken.None);
            return;
        }

        if (await ListLiveAsync() is not { } live)
        {
            return;
        }

        ReapUnknown(live);
        await ReplaceDeadAsync(live);
        Refill();
        await SyncReservationsAsync();
    }

    public async Task ForgetAsync(string containerName)
    {
        if (_book.Remove(containerName) is { } gone)
        {
            PublishDestroyed(gone);
        }

        // A release waits for this one: an outage fails it, and the release orchestration runs it again.
        await _store.DeleteAsync(containerName);
        await Registry.ReleaseAsync([containerName]);
        Refill();
    }

    public async Task SpecChangedAsync()
    {
        if (!workloads.TryGet(PoolId, out var spec))
        {
            // The workload is gone: nothing is warmed any more, and whatever is still starting is removed when ready.
            _book.Resize(new PoolSpec(0, 0, _spec.Pool.IdleTimeout));
            _book.Generation = "removed";
            _book.DiscardStarting();
            await RemoveAsync(_book.RetireWarm());
            logger.LogInformation("Workload {PoolId} was removed: its warm containers go; claimed ones stay until released", PoolId);
            return;
        }

        _spec = spec;
        _need = ResourceNeed.Of(spec.Resources);
        _book.Resize(spec.Pool);
        var generation = WorkloadGeneration.Of(spec);
        if (generation != _book.Generation)
        {
            _book.Generation = generation;
            _reconciler = new PoolReconciler(_book, generation, hosts.Catalog.Hosts.Count);
            var replaced = _book.RetireWarm();
            await RemoveAsync(replaced);
            logger.LogInformation("Workload {PoolId} changed: replacing {Count} warm containers; claimed ones keep the old spec until released",
                PoolId, replaced.Count);
            if (replaced.Count > 0)
            {
                PublishScaled("down", replaced.Count, "workload changed: replacing warm containers of the old spec");
            }
        }

        var trimmed = _book.TrimToSize();
        await RemoveAsync(trimmed);
        if (trimmed.Count > 0)
        {
            PublishScaled("down", trimmed.Count, "scaled down");
        }

        Refill();
        await SyncReservationsAsync();
    }

    public Task<PoolSnapshot> PauseAsync()
    {
        _book.Paused = true;
        pauses.Set(PoolId, true);
        return Task.FromResult(_book.Snapshot());
    }

    public Task<PoolSnapshot> ResumeAsync()
    {
        _book.Paused = false;
        pauses.Set(PoolId, false);
        Refill();
        return Task.FromResult(_book.Snapshot());
    }

    public async Task<PoolSnapshot> DrainAsync()
    {
        _book.Paused = true;
        pauses.Set(PoolId, true);
        _book.DiscardStarting();
        var drained = _book.RetireWarm();
        await RemoveAsync(drained);
        if (drained.Count > 0)
        {
            PublishScaled("down", drained.Count, "pool drained");
        }

        return _book.Snapshot();
    }

    private async Task RemoveAsync(IReadOnlyList<PoolMember> members)
    {
        foreach (var member in members)
        {
            await _records.SaveAsync(member);
            _work.Remove(member);
        }
    }

    public async Task ContainerReadyAsync(string containerName, string hostId, ContainerInfo info)
    {
        var outcome = _book.ContainerReady(containerName, hostId, info);
        switch (outcome)
        {
            case { Verdict: ReadyVerdict.Unknown }:
                _work.Remove(containerName, info.Id, hostId);
                break;
            case { Verdict: ReadyVerdict.HostUnusable, Member: { } leaving }:
                await _records.SaveAsync(leaving);
                _work.Remove(leaving);
                Refill();
                break;
            case { Member: { } warm }:
                await _records.SaveAsync(warm);
                events.Publish(EventTypes.ContainerCreated, PoolId, containerId: warm.ContainerId, hostId: hostId, payload: new { containerName, status = "warm" });
                break;
        }
    }

    public async Task ContainerFailedAsync(string containerName, string? hostId, string error)
    {
        var delay = _book.ContainerFailed(containerName, hostId, error, out var member);
        logger.LogWarning("Container {ContainerName} of pool {PoolId} failed to warm on host {HostId} ({Streak} in a row, next try in {Delay}): {Error}",
            containerName, PoolId, hostId, _book.Backoff.FailureStreak, delay, error);
        events.Publish(EventTypes.PoolWarning, PoolId, hostId: hostId, payload: new
        {
            code = ErrorCodes.ContainerFailed, message = error, containerName, failureStreak = _book.Backoff.FailureStreak, retryInMs = delay.TotalMilliseconds,
        });
        if (member is not null)
        {
            await _records.SaveAsync(member);
        }

        _work.Remove(containerName, containerName, hostId);
        _retryTimer?.Dispose();
        _retryTimer = this.RegisterGrainTimer(async () =>
        {
            await EnsureWarmAsync();
            PublishCounts();
            ServeLine();
        }, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan));
    }

    public Task ContainerUnplacedAsync(string containerName, string errorCode, string error)
    {
        if (_book.ContainerUnplaced(containerName, errorCode, error))
        {
            logger.LogWarning("Pool {PoolId} cannot place another container: {Error}", PoolId, error);
            events.Publish(EventTypes.PoolWarning, PoolId, payload: new { code = errorCode, message = error });
        }

        return Task.CompletedTask;
    }

    public async Task ContainerRemovedAsync(string containerName)
    {
        if (_book.Remove(containerName) is { } gone)
        {
            PublishDestroyed(gone);
            if (gone.ContainerId is { } id)
            {
                locator.Forget(id);
            }
        }

        locator.Forget(containerName);
        await _records.DeleteAsync(containerName);
        await Registry.ReleaseAsync([containerName]);
        Refill();
    }

    public async Task HostChangedAsync(HostChange change)
    {
        var before = _book.Hosts.Apply(change);
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
                // Warm capacity moves off a draining host: its warm containers go, the refill places new ones elsewhere.
                foreach (var member in _book.DrainHost(change.HostId))
                {
                    await _records.SaveAsync(member);
                    _work.Remove(member);
                }
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
        var gone = _book.WriteOffHost(hostId);
        foreach (var member in gone)
        {
            await _records.DeleteAsync(member.Name);
        }

        if (gone.Count > 0)
        {
            await Registry.ReleaseAsync([.. gone.Select(m => m.Name)]);
        }

        logger.LogWarning("Docker host {HostId} is unhealthy: pool {PoolId} wrote off {Count} containers there; {Claimed} claimed containers wait for it",
            hostId, PoolId, gone.Count, _book.CountOn(hostId));
    }

    /// <summary>A host that is back: reap what the pool wrote off there, and check its claimed containers.</summary>
    private async Task ReconcileHostAsync(string hostId)
    {
        if (!_book.Reconciled)
        {
            await TryReconcileAsync(CancellationToken.None);
            return;
        }

        if (await ListLiveAsync([hostId]) is { } live)
        {
            ReapUnknown(live);
            await ReplaceDeadAsync(live);
        }
    }

    /// <summary>
    /// Refills shortly after a take rather than at once: a burst of claims completes before container
    /// creation starts competing with it for the host's CPU, and the burst is refilled in one go.
    /// </summary>
    private void RefillSoon()
    {
        if (_refillTimer is null && _book.Warm.Count > 0)
        {
            _refillTimer = this.RegisterGrainTimer(() =>
            {
                _refillTimer?.Dispose();
                _refillTimer = null;
                Refill();
                PublishCounts();
                ServeLine();
                return Task.CompletedTask;
            }, new GrainTimerCreationOptions(RefillDelay, Timeout.InfiniteTimeSpan));
        }
        else if (_book.Warm.Count == 0)
        {
            // Nothing left warm: the next claim would wait, so start now.
            Refill();
        }
    }

    private void PublishCounts()
    {
        if (_book is not null)
        {
            census.Publish(PoolId, PoolCounts.Of(_book.Members));
        }
    }

    private void Refill()
    {
        var wanted = _book.ContainersToStart();
        for (var i = 0; i < wanted; i++)
        {
            StartOne();
        }

        if (wanted > 0)
        {
            PublishScaled("up", wanted, "warming up to min_size");
        }
    }

    private void PublishScaled(string direction, int count, string reason)
    {
        var snapshot = _book.Snapshot();
        events.Publish(EventTypes.PoolScaled, PoolId, payload: new
        {
            direction, count, reason, snapshot.Warm, snapshot.Claimed, snapshot.Starting, snapshot.MinSize, snapshot.MaxSize,
        });
    }

    private void PublishDestroyed(PoolMember member) =>
        events.Publish(EventTypes.ContainerDestroyed, PoolId, member.TenantId, member.ContainerId, member.HostId, new { containerName = member.Name });

    private void StartOne()
    {
        var name = ContainerNames.New(PoolId);
        _book.AddStarting(name);
        _work.Create(_spec, new PlacementRequest(PoolId, name, _spec.Placement.Labels, _need, _spec.Security.Runtime));
    }

    /// <summary>
    /// The pool's containers on every host that is not known to be down (or on <paramref name="only"/>
    /// those), or null when no host answered.
    /// </summary>
    private async Task<LiveContainers?> ListLiveAsync(IReadOnlyCollection<string>? only = null)
    {
        var targets = (only ?? [.. hosts.Ids]).Where(h => !_book.Hosts.IsUnhealthy(h)).ToList();
        var live = await LiveContainers.ListAsync(hosts, targets, ContainerFactory.PoolLabels(PoolId, options.Value));
        if (live.ListedHosts.Count > 0)
        {
            return live;
        }

        _book.RecordError(live.Errors.FirstOrDefault() ?? _book.Hosts.Describe());
        return null;
    }

    private void ReapUnknown(LiveContainers live)
    {
        foreach (var member in _reconciler.ReapUnknown(live))
        {
            logger.LogInformation("Reaping container {ContainerName} of pool {PoolId} on host {HostId}: the pool does not know it",
                member.Name, PoolId, member.HostId);
            _work.Remove(member);
        }
    }

    private async Task ReplaceDeadAsync(LiveContainers live)
    {
        var dead = _reconciler.FindDead(live);
        foreach (var member in dead.DeadWarm)
        {
            logger.LogWarning("Warm container {ContainerName} of pool {PoolId} is gone or unhealthy; replacing it", member.Name, PoolId);
            events.Publish(EventTypes.ContainerUnhealthy, PoolId, containerId: member.ContainerId, hostId: member.HostId,
                payload: new { containerName = member.Name, reason = "warm container stopped or failed its health check; it is replaced" });
            await _records.SaveAsync(member);
            _work.Remove(member);
        }

        await ForgetVanishedAsync(dead.Vanished);
    }

    /// <summary>Claimed containers that vanished: their records go and their tenants are told, so their status says so.</summary>
    private async Task ForgetVanishedAsync(IReadOnlyList<PoolMember> vanished)
    {
        foreach (var member in vanished)
        {
            logger.LogWarning("Claimed container {ContainerName} of pool {PoolId} (tenant {TenantId}) is gone", member.Name, PoolId, member.TenantId);
            events.Publish(EventTypes.ContainerUnhealthy, PoolId, member.TenantId, member.ContainerId, member.HostId,
                new { containerName = member.Name, reason = "claimed container vanished; the tenant gets a new one on its next claim" });
            await _records.DeleteAsync(member.Name);
        }

        // Told without waiting: after a silo died a tenant's grain may take many seconds to come back on
        // a survivor, and the pool (with every claim behind it) must not wait for it.
        foreach (var member in vanished.Where(m => m.TenantId is not null))
        {
            _ = TellContainerLostAsync(member.TenantId!, member.Name);
        }

        if (vanished.Count > 0)
        {
            await Registry.ReleaseAsync([.. vanished.Select(m => m.Name)]);
        }
    }

    private async Task TellContainerLostAsync(string tenantId, string containerName)
    {
        try
        {
            await GrainFactory.GetGrain<Tenants.ITenantGrain>(tenantId).ContainerLostAsync(containerName);
        }
        catch (Exception ex)
        {
            // Its record is already gone: the tenant's next claim provisions a new container either way.
            logger.LogWarning(ex, "Could not tell tenant {TenantId} that container {ContainerName} of pool {PoolId} is gone", tenantId, containerName, PoolId);
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
            logger.LogWarning("Pool {PoolId} cannot reach Docker yet: {Error}", PoolId, _book.LastError);
            events.Publish(EventTypes.PoolWarning, PoolId, payload: new { code = ErrorCodes.DockerUnavailable, message = _book.LastError });
            return;
        }

        var decided = _reconciler.Reconcile(live, await _store.LoadStatusesAsync(cancellationToken));
        foreach (var member in decided.Reaped)
        {
            logger.LogInformation("Reaping container {ContainerName} of pool {PoolId} on host {HostId}: not claimed and not adoptable",
                member.Name, PoolId, member.HostId);
            _work.Remove(member);
        }

        await _store.DeleteAsync(decided.StaleRecords, cancellationToken);
        await ForgetVanishedAsync(decided.Vanished);
        _book.MarkReconciled();
        Refill();
        await SyncReservationsAsync();
    }

    /// <summary>Trues up the registry's reservations with the pool's members (cheap; corrects any drift after a restart).</summary>
    private Task SyncReservationsAsync() => Registry.SyncPoolAsync(PoolId, _need, _book.Reservations());
}
