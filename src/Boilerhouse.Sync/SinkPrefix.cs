using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Sync;

/// <summary>
/// The key prefix of one tenant's data: the spec's prefix with ${tenantId}, ${poolId} and
/// ${workloadId} filled in. Each id is checked again here (lower-case, no '/', no leading '.'),
/// so no id can climb out of its prefix or into another tenant's.
/// </summary>
public static class SinkPrefix
{
    public static string For(SinkSpec sink, SyncScope scope)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(scope);
        return sink.Prefix
            .Replace("${tenantId}", ResourceId.Require(scope.TenantId, "tenant"), StringComparison.Ordinal)
            .Replace("${poolId}", ResourceId.Require(scope.PoolId, "pool"), StringComparison.Ordinal)
            .Replace("${workloadId}", ResourceId.Require(scope.WorkloadId, "workload"), StringComparison.Ordinal);
    }
}
