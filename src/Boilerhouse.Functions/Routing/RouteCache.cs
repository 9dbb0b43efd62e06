using System.Collections.Concurrent;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Functions.Routing;

/// <summary>
/// Claimed tenants' routes in memory, loaded from the tenant grain on first use and forgotten when
/// an event says the container changed hands (<see cref="RouteInvalidation"/>), when the container
/// does not answer, or after <see cref="MaxAge"/> at the latest. Unclaimed tenants are not cached.
/// </summary>
public sealed class RouteCache(IGrainFactory grains, WorkloadCatalog workloads, TimeProvider time)
{
    /// <summary>A safety net behind the events: a route is re-read from its grain at least this often.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, TenantRoute> _routes = new(StringComparer.Ordinal);
    private long _generation;

    public int Count => _routes.Count;

    /// <summary>The tenant's route, or null when it holds no claimed container.</summary>
    public async ValueTask<TenantRoute?> FindAsync(string tenantId)
    {
        if (_routes.TryGetValue(tenantId, out var cached) && time.GetUtcNow() - cached.LoadedAt < MaxAge)
        {
            return cached;
        }

        // A change seen while the grain answered may predate its answer: such a route is used once, not kept.
        var generation = Interlocked.Read(ref _generation);
        var state = await grains.GetGrain<ITenantGrain>(tenantId).GetStateAsync();
        if (state is not { Status: "claimed", PoolId: { } poolId, ContainerId: { } containerId, Endpoints: { } endpoints })
        {
            _routes.TryRemove(tenantId, out _);
            return null;
        }

        var routing = workloads.TryGet(poolId, out var workload) ? workload.Routing : RoutingSpec.Default;
        var route = new TenantRoute(tenantId, poolId, containerId, endpoints, routing, time.GetUtcNow());
        if (Interlocked.Read(ref _generation) == generation)
        {
            _routes[tenantId] = route;
        }

        return route;
    }

    public void Forget(string tenantId)
    {
        Interlocked.Increment(ref _generation);
        _routes.TryRemove(tenantId, out _);
    }

    public void ForgetContainer(string containerId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (tenantId, route) in _routes)
        {
            if (route.ContainerId == containerId)
            {
                _routes.TryRemove(tenantId, out _);
            }
        }
    }

    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _routes.Clear();
    }
}
