using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Telemetry;
using Boilerhouse.Orchestration.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// The summary at a glance: pools, containers by state, tenants, and what finished in the last hour
/// with error rates. Container counts come from the pools' census (no grain call); the hourly
/// counts are this process's, in memory, and start again when it restarts.
/// </summary>
public static class StatsApi
{
    public static RouteHandlerBuilder MapStatsApiV1(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/stats", GetAsync).WithTags("Stats").ProducesProblems();

    public static async Task<Ok<StatsResponse>> GetAsync(
        WorkloadCatalog workloads, PoolCensus census, RecentCounts recent, TenantStore tenants, CancellationToken cancellationToken)
    {
        var pools = workloads.Workloads.Select(w => new PoolStats(w.Id, census.Of(w.Id))).ToList();
        var tenantCounts = await tenants.CountByStatusAsync(cancellationToken);
        return TypedResults.Ok(new StatsResponse(
            pools.Count,
            pools.Aggregate(PoolCounts.None, (sum, pool) => sum + pool.Containers),
            new TenantStats(
                tenantCounts.GetValueOrDefault(TenantStatus.Claimed),
                tenantCounts.GetValueOrDefault(TenantStatus.Releasing),
                tenantCounts.GetValueOrDefault(TenantStatus.Lost)),
            new RecentStats(
                recent.Since,
                OutcomeStats.Of(recent, ClaimOrchestration.Name, "completed", "failed", "terminated"),
                OutcomeStats.Of(recent, ReleaseOrchestration.Name, "completed", "failed", "terminated"),
                OutcomeStats.Of(recent, RecentCounts.SyncRuns, "succeeded", "failed", null)),
            pools));
    }
}

public sealed record StatsResponse(int Pools, PoolCounts Containers, TenantStats Tenants, RecentStats LastHour, IReadOnlyList<PoolStats> ByPool);

public sealed record PoolStats(string PoolId, PoolCounts Containers);

/// <summary>Tenants holding a container (claimed), giving one back (releasing), or whose container vanished (lost).</summary>
public sealed record TenantStats(int Claimed, int Releasing, int Lost);

/// <summary>What ended in the last hour, or since <paramref name="Since"/> (the process start) when that is later.</summary>
public sealed record RecentStats(DateTimeOffset Since, OutcomeStats Claims, OutcomeStats Releases, OutcomeStats Syncs);

/// <summary>Ended runs by outcome; ErrorRate is Failed / Total (0 when none ended), terminated runs count in Total but not as errors.</summary>
public sealed record OutcomeStats(int Total, int Succeeded, int Failed, int Terminated, double ErrorRate)
{
    public static OutcomeStats Of(RecentCounts recent, string what, string success, string failure, string? termination)
    {
        var succeeded = recent.Count(RecentCounts.Key(what, success));
        var failed = recent.Count(RecentCounts.Key(what, failure));
        var terminated = termination is null ? 0 : recent.Count(RecentCounts.Key(what, termination));
        var total = succeeded + failed + terminated;
        return new OutcomeStats(total, succeeded, failed, terminated, total == 0 ? 0 : Math.Round((double)failed / total, 4));
    }
}
