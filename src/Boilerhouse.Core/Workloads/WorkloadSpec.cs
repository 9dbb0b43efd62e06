using System.Text.Json.Nodes;

namespace Boilerhouse.Core.Workloads;

/// <summary>
/// A validated workload: how to run one kind of container and how its pool is sized.
/// Built from a compose-aligned YAML file; secure defaults are already applied.
/// A workload with a single <c>pool</c> block has one pool with the workload's id; one with
/// <c>pools</c> has several (<see cref="Pools"/>), and the catalog holds one view of it per pool
/// (<see cref="PoolViews"/>): the same spec with the pool's id, sizing and placement.
/// </summary>
public sealed record WorkloadSpec
{
    /// <summary>The workload's id; in a pool view (<see cref="PoolViews"/>), the pool's id.</summary>
    public required string Id { get; init; }
    /// <summary>The workload a pool view belongs to; the workload's own id otherwise.</summary>
    public string WorkloadId { get => field ?? Id; init; }
    public required string Name { get; init; }
    public required string Image { get; init; }
    /// <summary>Overrides the image's CMD (exec form); null keeps the image's.</summary>
    public IReadOnlyList<string>? Command { get; init; }
    /// <summary>Overrides the image's ENTRYPOINT (exec form); null keeps the image's.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<VolumeSpec> Volumes { get; init; } = [];
    public HealthCheckSpec? HealthCheck { get; init; }
    public required ResourceSpec Resources { get; init; }
    public required SecuritySpec Security { get; init; }
    /// <summary>Docker network mode: bridge (the pool's own isolated bridge network), none, host, or a network name.</summary>
    public string NetworkMode { get; init; } = "bridge";
    public IReadOnlyList<PortSpec> Ports { get; init; } = [];
    /// <summary>Egress and DNS servers on the pool's own network (x-boilerhouse.network, dns).</summary>
    public NetworkSpec Network { get; init; } = NetworkSpec.Default;
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public required PoolSpec Pool { get; init; }
    /// <summary>Which Docker hosts may run this workload's containers (x-boilerhouse.placement).</summary>
    public PlacementSpec Placement { get; init; } = PlacementSpec.Anywhere;
    /// <summary>How the tenant's state follows it between containers; null when nothing is synced.</summary>
    public SyncSpec? Sync { get; init; }
    /// <summary>How tenant traffic reaches a claimed container through Boilerhouse (x-boilerhouse.routing).</summary>
    public RoutingSpec Routing { get; init; } = RoutingSpec.Default;
    /// <summary>JSON Schema that a tenant's claim config must satisfy; null accepts any object.</summary>
    public JsonObject? ConfigSchema { get; init; }
    /// <summary>The pools declared with <c>x-boilerhouse.pools</c>; empty for a single <c>pool</c> block.</summary>
    public IReadOnlyList<WorkloadPool> Pools { get; init; } = [];
    /// <summary>The file the spec was loaded from, for error messages and write-back.</summary>
    public string? SourceFile { get; init; }

    /// <summary>One spec per pool, each with the pool's id, sizing and placement: what the catalog and the pools run.</summary>
    public IReadOnlyList<WorkloadSpec> PoolViews() => Pools.Count == 0
        ? [this]
        : [.. Pools.Select(p => this with { Id = p.Id, WorkloadId = Id, Pool = p.Sizing, Placement = p.Placement ?? Placement, Pools = [] })];

    public VolumeSpec? VolumeFor(VolumeRole role) => Volumes.FirstOrDefault(v => v.Role == role);
}
