using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Pools;

public sealed class PoolGrain(
    WorkloadCatalog workloads,
    ContainerFactory factory,
    IContainerRuntime runtime,
    IDbContextFactory<BoilerhouseDb> dbFactory,
    IOptions<PoolOptions> options,
    TimeProvider time,
    ILogger<PoolGrain> logger) : Grain, IPoolGrain
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, PoolMember> _members = [];
    // Warm containers in the order they became ready: the oldest is handed out first.
    private readonly LinkedList<string> _warm = new();
    private WorkloadSpec _spec = null!;
    private string _generation = "";
    private bool _reconciled;
    private int _failureStreak;
    private DateTimeOffset _nextAttemptAt;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private IGrainTimer? _retryTimer;

    private string PoolId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _spec = workloads.GetPool(PoolId);
        _generation = WorkloadGeneration.Of(_spec);
        await LoadClaimedAsync(cancellationToken);
        await TryReconcileAsync(cancellationToken);
    }

    public Task<PoolSnapshot> GetSnapshotAsync()
    {
        int Count(ContainerStatus s) => _members.Values.Count(m => m.Status == s);
        var containers = _members.Values.OrderBy(m => m.CreatedAt).Select(m => m.ToView()).ToList();
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
            RemoveInBackground(member.Name, member.ContainerId ?? member.Name);
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

        foreach (var unknown in live.Where(c => !_members.ContainsKey(c.Name)))
        {
            logger.LogInformation("Reaping container {ContainerName} of pool {PoolId}: the pool does not know it", unknown.Name, PoolId);
            _members[unknown.Name] = new PoolMember(unknown.Name, unknown.CreatedAt) { ContainerId = unknown.Id, Status = ContainerStatus.Removing };
            RemoveInBackground(unknown.Name, unknown.Id);
        }

        await ReplaceDeadContainersAsync(live);
        Refill();
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

        if (_warm.First is { } first)
        {
            _warm.RemoveFirst();
            var member = _members[first.Value];
            member.Status = ContainerStatus.Claimed;
            member.TenantId = tenantId;
            member.ClaimInstanceId = instanceId;
            member.ClaimedAt = time.GetUtcNow();
            await SaveAsync(member);
            Refill();
            return new TakeResult(member.Name, member.ContainerId, member.Endpoints, null, null);
        }

        Refill();
        if (!_members.Values.Any(m => m.Status == ContainerStatus.Starting) && _members.Count < _spec.Pool.MaxSize
            && time.GetUtcNow() >= _nextAttemptAt)
        {
            // Nothing warm or warming (min_size 0, or all taken) but room to grow: a cold claim.
            StartOne();
        }

        if (_members.Values.Any(m => m.Status == ContainerStatus.Starting))
        {
            return TakeResult.Warming;
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
        Refill();
    }

    public async Task ContainerReadyAsync(string containerName, ContainerInfo info)
    {
        if (!_members.TryGetValue(containerName, out var member) || member.Status != ContainerStatus.Starting)
        {
            // Written off while it was starting: it must not linger.
            RemoveInBackground(containerName, info.Id);
            return;
        }

        member.ContainerId = info.Id;
        member.Endpoints = info.Endpoints;
        member.Status = ContainerStatus.Warm;
        member.ReadyAt = time.GetUtcNow();
        _warm.AddLast(containerName);
        _failureStreak = 0;
        await SaveAsync(member);
    }

    public async Task ContainerFailedAsync(string containerName, string error)
    {
        _failureStreak++;
        _lastError = error;
        _lastErrorAt = time.GetUtcNow();
        var delay = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 500 * Math.Pow(2, _failureStreak - 1)));
        _nextAttemptAt = time.GetUtcNow() + delay;
        logger.LogWarning("Container {ContainerName} of pool {PoolId} failed to warm ({Streak} in a row, next try in {Delay}): {Error}",
            containerName, PoolId, _failureStreak, delay, error);

        if (_members.TryGetValue(containerName, out var member))
        {
            member.Status = ContainerStatus.Removing;
            await SaveAsync(member);
        }

        RemoveInBackground(containerName, containerName);
        _retryTimer?.Dispose();
        _retryTimer = this.RegisterGrainTimer(() => EnsureWarmAsync(), new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan));
    }

    public async Task ContainerRemovedAsync(string containerName)
    {
        _members.Remove(containerName);
        _warm.Remove(containerName);
        await DeleteRecordAsync(containerName);
        Refill();
    }

    private void Refill()
    {
        if (!_reconciled || time.GetUtcNow() < _nextAttemptAt)
        {
            return;
        }

        var warmOrStarting = _members.Values.Count(m => m.Status is ContainerStatus.Warm or ContainerStatus.Starting);
        var wanted = Math.Min(_spec.Pool.MinSize - warmOrStarting, _spec.Pool.MaxSize - _members.Count);
        for (var i = 0; i < wanted; i++)
        {
            StartOne();
        }
    }

    private void StartOne()
    {
        var name = ContainerNames.New(PoolId);
        var member = new PoolMember(name, time.GetUtcNow());
        _members[name] = member;
        var self = this.AsReference<IPoolGrain>();
        var spec = _spec;
        _ = Task.Run(async () =>
        {
            try
            {
                var info = await factory.CreateWarmAsync(spec, name, CancellationToken.None);
                await self.ContainerReadyAsync(name, info);
            }
            catch (Exception ex)
            {
                await self.ContainerFailedAsync(name, ex.Message);
            }
        });
    }

    private void RemoveInBackground(string containerName, string containerIdOrName)
    {
        var self = this.AsReference<IPoolGrain>();
        _ = Task.Run(async () =>
        {
            try
            {
                await runtime.RemoveAsync(containerIdOrName, CancellationToken.None);
                await self.ContainerRemovedAsync(containerName);
            }
            catch (Exception ex)
            {
                // Left for the next reconcile, which reaps managed containers that belong to nothing.
                logger.LogWarning(ex, "Could not remove container {ContainerName} of pool {PoolId}", containerName, PoolId);
            }
        });
    }

    /// <summary>
    /// Warm containers that died or turned unhealthy are written off and replaced; a claimed container
    /// that vanished is forgotten and its tenant told, so its status says so.
    /// </summary>
    private async Task<IReadOnlyList<ContainerInfo>?> ListLiveAsync()
    {
        try
        {
            return await runtime.ListAsync(PoolLabels(), CancellationToken.None);
        }
        catch (ContainerRuntimeUnavailableException ex)
        {
            _lastError = ex.Message;
            _lastErrorAt = time.GetUtcNow();
            return null;
        }
    }

    private async Task ReplaceDeadContainersAsync(IReadOnlyList<ContainerInfo> live)
    {
        var byName = live.ToDictionary(c => c.Name);
        foreach (var name in _warm.ToList())
        {
            if (byName.TryGetValue(name, out var c) && c.Running && c.Health is ContainerHealth.Healthy or ContainerHealth.None)
            {
                continue;
            }

            logger.LogWarning("Warm container {ContainerName} of pool {PoolId} is gone or unhealthy; replacing it", name, PoolId);
            _warm.Remove(name);
            var member = _members[name];
            member.Status = ContainerStatus.Unhealthy;
            await SaveAsync(member);
            RemoveInBackground(name, member.ContainerId ?? name);
        }

        await ForgetVanishedClaimedAsync(byName.Keys.ToHashSet());
    }

    private async Task ForgetVanishedClaimedAsync(IReadOnlySet<string> liveNames)
    {
        var vanished = _members.Values.Where(m => m.Status == ContainerStatus.Claimed && !liveNames.Contains(m.Name)).ToList();
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
        foreach (var container in live)
        {
            if (_members.TryGetValue(container.Name, out var claimed) && claimed.Status == ContainerStatus.Claimed)
            {
                continue;
            }

            var adoptable = container.Running
                && container.Health is ContainerHealth.Healthy or ContainerHealth.None
                && container.Labels.GetValueOrDefault(ContainerLabels.Generation) == _generation
                && records.TryGetValue(container.Name, out var record) && record.Status == ContainerStatus.Warm
                && _members.Count < _spec.Pool.MaxSize;
            if (adoptable)
            {
                var member = new PoolMember(container.Name, container.CreatedAt)
                {
                    ContainerId = container.Id,
                    Status = ContainerStatus.Warm,
                    Endpoints = container.Endpoints,
                    ReadyAt = time.GetUtcNow(),
                };
                _members[container.Name] = member;
                _warm.AddLast(container.Name);
                continue;
            }

            logger.LogInformation("Reaping container {ContainerName} of pool {PoolId}: not claimed and not adoptable", container.Name, PoolId);
            _members[container.Name] = new PoolMember(container.Name, container.CreatedAt) { ContainerId = container.Id, Status = ContainerStatus.Removing };
            RemoveInBackground(container.Name, container.Id);
        }

        var liveNames = live.Select(c => c.Name).ToHashSet();
        db.Containers.RemoveRange(records.Values.Where(r => !liveNames.Contains(r.Name)));
        await db.SaveChangesAsync(cancellationToken);
        await ForgetVanishedClaimedAsync(liveNames);
        _reconciled = true;
        Refill();
    }

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
                HostId = options.Value.HostId,
                CreatedAt = member.CreatedAt,
            };
            db.Containers.Add(record);
        }

        record.ContainerId = member.ContainerId;
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
        await db.Containers.Where(c => c.Name == containerName).ExecuteDeleteAsync();
    }
}
