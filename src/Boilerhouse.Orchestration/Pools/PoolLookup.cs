using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Orchestration.Pools;

public static class PoolLookup
{
    /// <summary>The workload of a pool (a pool has its workload's id), or POOL_NOT_FOUND.</summary>
    public static WorkloadSpec GetPool(this WorkloadCatalog workloads, string poolId) =>
        workloads.TryGet(poolId, out var spec) ? spec
            : throw new BoilerhouseException(ErrorCodes.PoolNotFound, $"Pool '{poolId}' does not exist.");
}
