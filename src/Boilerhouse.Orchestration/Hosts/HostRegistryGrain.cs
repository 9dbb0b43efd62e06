using Boilerhouse.Core.Events;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Events;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Hosts;

public sealed class HostRegistryGrain(
    HostCatalog catalog,
    WorkloadCatalog workloads,
    IDbContextFactory<BoilerhouseDb> dbFactory,
    IOptions<HostHealthOptions> options,
    IEventPublisher events,
    TimeProvider time,
    ILogger<HostRegistryGrain> logger) : Grain, IHostRegistryGrain
{
    public const string Key = "hosts";

    private readonly Dictionary<string, HostState> _hosts = catalog.Hosts.ToDictionary(h => h.Id, h => new HostState(h), StringComparer.Ordinal);
    // Container name -> what it holds where; what placement counts against each host's capacity.
    private readonly Dictionary<string, Reservation> _reservations = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => DatabaseUnavailable.PortableAsync(() => ActivateAsync(cancellationToken));

    private async Task ActivateAsync(CancellationToken cancellationToken)
    {
        // Reservations live here; stay active rather than rebuild them after idle collection.
        DelayDeactivation(TimeSpan.FromDays(365));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Cordon and drain outlive this activation (a dead silo, a restart): the database keeps them.
        foreach (var flags in await db.HostFlags.AsNoTracking().ToListAsync(cancellationToken))
        {
            if (_hosts.TryGetValue(flags.HostId, out var host))
            {
                (host.Cordoned, host.Draining) = (flags.Cordoned, flags.Draining);
            }
        }

        // After a restart the records say what is placed where; pools true it up on their next health check.
        var records = await db.Containers.AsNoTracking().ToListAsync(cancellationToken);
        // Containers of pools that no longer exist are left out: orphan reaping removes them.
        foreach (var record in records.Where(r => _hosts.ContainsKey(r.HostId)))
        {
            if (workloads.TryGet(record.PoolId, out var spec))
            {
                _reservations[record.Name] = new Reservation(record.PoolId, record.HostId, ResourceNeed.Of(spec.Resources));
            }
        }
    }

    public Task<IReadOnlyList<HostView>> ListAsync() => Task.FromResult<IReadOnlyList<HostView>>(Views());

    public Task<HostView?> GetAsync(string hostId) => Task.FromResult(_hosts.TryGetValue(hostId, out var host) ? View(host) : null);

    public Task<IReadOnlyList<HostChange>> GetConditionsAsync() => Task.FromResult<IReadOnlyList<HostChange>>(
        [.. _hosts.Values.Where(h => h.Condition != HostCondition.Ready).Select(h => h.Change)]);

    public Task<PlacementResult> PlaceAsync(PlacementRequest request)
    {
        if (_reservations.TryGetValue(request.ContainerName, out var reserved))
        {
            return Task.FromResult(PlacementResult.Placed(reserved.HostId));
        }

        var result = HostPlacement.Choose(Views(), request);
        if (result.HostId is { } hostId)
        {
            _reservations[request.ContainerName] = new Reservation(request.PoolId, hostId, request.Need);
        }

        return Task.FromResult(result);
    }

    public Task ReleaseAsync(IReadOnlyList<string> containerNames)
    {
        foreach (var name in containerNames)
        {
            _reservations.Remove(name);
        }

        return Task.CompletedTask;
    }

    public Task SyncPoolAsync(string poolId, ResourceNeed need, IReadOnlyList<PoolReservation> members)
    {
        var names = members.Select(m => m.ContainerName).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _reservations.Where(r => r.Value.PoolId == poolId && !names.Contains(r.Key)).Select(r => r.Key).ToList())
        {
            _reservations.Remove(gone);
        }

        foreach (var member in members.Where(m => m.HostId is not null && _hosts.ContainsKey(m.HostId)))
        {
            _reservations[member.ContainerName] = new Reservation(poolId, member.HostId!, need);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HostChange>> ReportProbesAsync(IReadOnlyList<HostProbeResult> results)
    {
        var changes = new List<HostChange>();
        foreach (var result in results)
        {
            if (!_hosts.TryGetValue(result.HostId, out var host))
            {
                continue;
            }

            var before = host.Condition;
            host.Record(result, time.GetUtcNow(), options.Value.UnhealthyAfter);
            if (host.Condition == before)
            {
                continue;
            }

            if (host.Condition == HostCondition.Unhealthy)
            {
                logger.LogWarning("Docker host {HostId} is unhealthy after {Failures} failed checks: {Error}", host.Definition.Id, host.ConsecutiveFailures, host.LastError);
                events.Publish(EventTypes.HostUnhealthy, hostId: host.Definition.Id, payload: new { host.ConsecutiveFailures, error = host.LastError });
            }
            else if (before == HostCondition.Unhealthy)
            {
                logger.LogInformation("Docker host {HostId} answers again; its pools reconcile their containers there", host.Definition.Id);
                events.Publish(EventTypes.HostHealthy, hostId: host.Definition.Id, payload: new { latencyMs = host.LastLatencyMs });
            }

            changes.Add(host.Change);
        }

        return Task.FromResult<IReadOnlyList<HostChange>>(changes);
    }

    public Task<HostView?> CordonAsync(string hostId) => ChangeAsync(hostId, h => (true, h.Draining), "cordoned", EventTypes.HostCordoned);

    public Task<HostView?> UncordonAsync(string hostId) => ChangeAsync(hostId, _ => (false, false), "uncordoned");

    public Task<HostView?> DrainAsync(string hostId) => ChangeAsync(hostId, _ => (true, true), "draining", EventTypes.HostDrained);

    /// <summary>Stores the host's new flags, then applies them: a change the database did not take is not made (the caller gets the database's error).</summary>
    private async Task<HostView?> ChangeAsync(string hostId, Func<HostState, (bool Cordoned, bool Draining)> change, string what, string? eventType = null)
    {
        if (!_hosts.TryGetValue(hostId, out var host))
        {
            return null;
        }

        var (cordoned, draining) = change(host);
        await SaveFlagsAsync(hostId, cordoned, draining);
        (host.Cordoned, host.Draining) = (cordoned, draining);
        logger.LogInformation("Docker host {HostId} {Change}", hostId, what);
        if (eventType is not null)
        {
            events.Publish(eventType, hostId: hostId);
        }

        return View(host);
    }

    private async Task SaveFlagsAsync(string hostId, bool cordoned, bool draining)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var record = await db.HostFlags.FindAsync(hostId);
        if (record is null)
        {
            db.HostFlags.Add(record = new HostFlagsRecord { HostId = hostId });
        }

        (record.Cordoned, record.Draining, record.ChangedAt) = (cordoned, draining, time.GetUtcNow());
        await db.SaveChangesAsync();
    }

    private List<HostView> Views() => [.. _hosts.Values.Select(View)];

    private HostView View(HostState host)
    {
        var used = HostUsage.None;
        foreach (var reservation in _reservations.Values.Where(r => r.HostId == host.Definition.Id))
        {
            used = used.Add(reservation.Need);
        }

        return host.ToView(used);
    }

    private sealed record Reservation(string PoolId, string HostId, ResourceNeed Need);
}
