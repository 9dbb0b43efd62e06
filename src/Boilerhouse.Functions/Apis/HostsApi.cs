using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Apis;

/// <summary>The Docker hosts: health, capacity and what runs where; cordon, uncordon and drain.</summary>
public static class HostsApi
{
    public static RouteGroupBuilder MapHostsApiV1(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/hosts").WithTags("Hosts");
        group.MapGet("/", ListAsync).ProducesProblems();
        group.MapGet("/{hostId}", GetAsync).ProducesProblems(ErrorCodes.InvalidId, HostErrorCodes.HostNotFound);
        group.MapPost("/{hostId}/cordon", CordonAsync).ProducesProblems(ErrorCodes.InvalidId, HostErrorCodes.HostNotFound);
        group.MapPost("/{hostId}/uncordon", UncordonAsync).ProducesProblems(ErrorCodes.InvalidId, HostErrorCodes.HostNotFound);
        group.MapPost("/{hostId}/drain", DrainAsync).ProducesProblems(ErrorCodes.InvalidId, HostErrorCodes.HostNotFound);
        return group;
    }

    public static async Task<Ok<List<HostResponse>>> ListAsync(IGrainFactory grains)
    {
        var hosts = await Registry(grains).ListAsync();
        return TypedResults.Ok(hosts.Select(h => HostResponse.From(h, containers: null)).ToList());
    }

    /// <summary>One host with the containers every pool has on it.</summary>
    public static async Task<Results<Ok<HostResponse>, ProblemHttpResult>> GetAsync(string hostId, HttpContext http, WorkloadCatalog workloads, IGrainFactory grains)
    {
        ResourceId.Require(hostId, "host");
        if (await Registry(grains).GetAsync(hostId) is not { } host)
        {
            return NotFound(http, hostId);
        }

        var snapshots = await Task.WhenAll(workloads.Workloads.Select(w => grains.GetGrain<IPoolGrain>(w.Id).GetSnapshotAsync()));
        var containers = snapshots
            .SelectMany(s => s.Containers.Where(c => c.HostId == hostId).Select(c => new HostContainerResponse(s.PoolId, c.Name, c.ContainerId, c.Status, c.TenantId)))
            .ToList();
        return TypedResults.Ok(HostResponse.From(host, containers));
    }

    /// <summary>Stops placing new containers on the host; what runs there stays.</summary>
    public static Task<Results<Ok<HostResponse>, ProblemHttpResult>> CordonAsync(string hostId, HttpContext http, WorkloadCatalog workloads, IGrainFactory grains) =>
        ChangeAsync(hostId, http, r => r.CordonAsync(hostId), workloads, grains);

    /// <summary>Places on the host again (ends a cordon or a drain).</summary>
    public static Task<Results<Ok<HostResponse>, ProblemHttpResult>> UncordonAsync(string hostId, HttpContext http, WorkloadCatalog workloads, IGrainFactory grains) =>
        ChangeAsync(hostId, http, r => r.UncordonAsync(hostId), workloads, grains);

    /// <summary>Stops placing and moves warm containers to other hosts; claimed containers stay until their tenants release them.</summary>
    public static Task<Results<Ok<HostResponse>, ProblemHttpResult>> DrainAsync(string hostId, HttpContext http, WorkloadCatalog workloads, IGrainFactory grains) =>
        ChangeAsync(hostId, http, r => r.DrainAsync(hostId), workloads, grains);

    /// <summary>Changes the host in the registry, then tells the pools (they move warm containers off a draining host).</summary>
    private static async Task<Results<Ok<HostResponse>, ProblemHttpResult>> ChangeAsync(
        string hostId, HttpContext http, Func<IHostRegistryGrain, Task<HostView?>> change, WorkloadCatalog workloads, IGrainFactory grains)
    {
        ResourceId.Require(hostId, "host");
        if (await change(Registry(grains)) is not { } host)
        {
            return NotFound(http, hostId);
        }

        await grains.AnnounceAsync(workloads, [host.Change]);
        return TypedResults.Ok(HostResponse.From(host, containers: null));
    }

    private static IHostRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IHostRegistryGrain>(HostRegistryGrain.Key);

    private static ProblemHttpResult NotFound(HttpContext http, string hostId) =>
        Problems.For(http, HostErrorCodes.HostNotFound, $"Docker host '{hostId}' is not configured; GET /api/v1/hosts lists the hosts.");
}

public sealed record HostResponse(
    string Id, string Endpoint, IReadOnlyDictionary<string, string> Labels, HostStatus Status, bool AcceptsPlacements,
    bool Cordoned, bool Draining, int ConsecutiveFailures, DateTimeOffset? LastCheckAt, double? LatencyMs, string? LastError,
    HostEngine? Engine, HostCapacity Capacity, HostUsage Used, HostFree Free, HostCondition Condition, IReadOnlyList<HostContainerResponse>? Containers)
{
    public static HostResponse From(HostView h, IReadOnlyList<HostContainerResponse>? containers) => new(
        h.Id, h.Endpoint, h.Labels, h.Status, h.AcceptsPlacements, h.Cordoned, h.Draining, h.ConsecutiveFailures,
        h.LastCheckAt, h.LastLatencyMs, h.LastError, h.Engine, h.Capacity, h.Used, HostFree.Of(h.Capacity, h.Used), h.Condition, containers);
}

/// <summary>Room left under each budget; null where the budget is unlimited.</summary>
public sealed record HostFree(int? Containers, decimal? Cpus, long? MemoryBytes)
{
    public static HostFree Of(HostCapacity capacity, HostUsage used) => new(
        capacity.MaxContainers - used.Containers, capacity.Cpus - used.Cpus, capacity.MemoryBytes - used.MemoryBytes);
}

public sealed record HostContainerResponse(string PoolId, string Name, string? ContainerId, ContainerStatus Status, string? TenantId);
