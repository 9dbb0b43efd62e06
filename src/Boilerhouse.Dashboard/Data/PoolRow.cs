using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Pools;

namespace Boilerhouse.Dashboard.Data;

/// <summary>A pool as the dashboard lists it: its workload's sizes and its grain's counts now.</summary>
public sealed record PoolRow(WorkloadSpec Spec, PoolSnapshot Snapshot)
{
    public string Id => Spec.Id;

    public string Status => Snapshot switch
    {
        { LastError: not null } => "error",
        { Unhealthy: > 0 } => "degraded",
        _ when Snapshot.Warm + Snapshot.Claimed + Snapshot.Starting < Spec.Pool.MinSize => "warming",
        _ => "ready",
    };

    /// <summary>Every pool of the catalog, asked of their grains in parallel.</summary>
    public static async Task<IReadOnlyList<PoolRow>> ReadAllAsync(WorkloadCatalog workloads, IGrainFactory grains)
    {
        var snapshots = await Task.WhenAll(workloads.Workloads.Select(w => grains.GetGrain<IPoolGrain>(w.Id).GetSnapshotAsync()));
        return [.. workloads.Workloads.Zip(snapshots, (spec, snapshot) => new PoolRow(spec, snapshot))];
    }
}
