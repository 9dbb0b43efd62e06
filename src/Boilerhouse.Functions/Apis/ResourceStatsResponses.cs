using Boilerhouse.Orchestration.Resources;

namespace Boilerhouse.Functions.Apis;

/// <summary>A container's resource use: its latest sample and its history, oldest first.</summary>
public sealed record ContainerStatsResponse(
    string ContainerId, string Name, string PoolId, string HostId, double IntervalSeconds,
    ContainerSample? Current, IReadOnlyList<ContainerSample> History);

/// <summary>A pool's resource use summed over its containers at each sweep, and each container's latest sample.</summary>
public sealed record PoolStatsResponse(
    string PoolId, double IntervalSeconds, ResourceTotals? Current, IReadOnlyList<ResourceTotals> History,
    IReadOnlyList<ContainerStatsSummary> Containers);

/// <summary>
/// A Docker host's resource use summed over the containers of this installation on it, each
/// container's latest sample, and what the last sweep of the host cost.
/// </summary>
public sealed record HostStatsResponse(
    string HostId, double IntervalSeconds, ResourceTotals? Current, IReadOnlyList<ResourceTotals> History,
    SweepReport? LastSweep, IReadOnlyList<ContainerStatsSummary> Containers);

public sealed record ContainerStatsSummary(string ContainerId, string Name, string PoolId, string HostId, ContainerSample? Current)
{
    public static ContainerStatsSummary From(TrackedContainer tracked) => new(
        tracked.Container.Id, tracked.Container.Name, tracked.Container.PoolId, tracked.Container.HostId, tracked.History.Latest);
}
