namespace Boilerhouse.Core.Workloads;

/// <summary>
/// One entry of <c>x-boilerhouse.pools</c>: a pool of the workload with its own id, sizing and,
/// optionally, its own placement (null: the workload's). A workload with a single <c>pool</c>
/// block has one pool named after the workload.
/// </summary>
public sealed record WorkloadPool(string Id, PoolSpec Sizing, PlacementSpec? Placement = null);
