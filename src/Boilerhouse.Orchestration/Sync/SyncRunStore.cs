using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Sync;

/// <summary>The recorded sync runs: written by every run, failed ones included, and read for status and scheduling.</summary>
public sealed class SyncRunStore(IDbContextFactory<BoilerhouseDb> dbFactory)
{
    private static readonly string[] Syncing = [SyncOrchestration.Name, ReleaseOrchestration.Name];

    public async Task AddAsync(SyncRunRecord run, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>When each of these tenants' latest run started (run ids grow with time); tenants without runs are absent.</summary>
    public async Task<Dictionary<string, DateTimeOffset>> LastStartedAsync(IReadOnlyCollection<string> tenantIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lastIds = await db.SyncRuns.AsNoTracking()
            .Where(r => tenantIds.Contains(r.TenantId))
            .GroupBy(r => r.TenantId)
            .Select(g => g.Max(r => r.Id))
            .ToListAsync(cancellationToken);
        return await db.SyncRuns.AsNoTracking()
            .Where(r => lastIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.TenantId, r => r.StartedAt, cancellationToken);
    }

    public async Task<TenantSyncStatus> ForTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = db.SyncRuns.AsNoTracking().Where(r => r.TenantId == tenantId).OrderByDescending(r => r.Id);
        var last = await runs.FirstOrDefaultAsync(cancellationToken);
        var lastSuccess = last is { Succeeded: true } ? last : await runs.FirstOrDefaultAsync(r => r.Succeeded, cancellationToken);
        // A sync, or a release that has yet to save the state, is pending.
        var pending = await db.Orchestrations.AsNoTracking()
            .AnyAsync(o => o.TenantId == tenantId && OrchestrationStore.Unfinished.Contains(o.RuntimeStatus) && Syncing.Contains(o.Name), cancellationToken);
        return new TenantSyncStatus(
            last?.FinishedAt, last is null ? null : last.Succeeded ? "succeeded" : "failed", lastSuccess?.FinishedAt,
            pending, last is { Succeeded: false } ? new SyncError(last.ErrorCode, last.Error, last.FinishedAt) : null,
            last is null ? null : SyncRunView.From(last));
    }

    public async Task<PoolSyncStatus> ForPoolAsync(string poolId, int recent, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = db.SyncRuns.AsNoTracking().Where(r => r.PoolId == poolId);
        var total = await runs.CountAsync(cancellationToken);
        var failed = await runs.CountAsync(r => !r.Succeeded, cancellationToken);
        var latest = await runs.OrderByDescending(r => r.Id).Take(recent).ToListAsync(cancellationToken);
        var lastSuccess = await runs.Where(r => r.Succeeded).OrderByDescending(r => r.Id).Select(r => (DateTimeOffset?)r.FinishedAt).FirstOrDefaultAsync(cancellationToken);
        var lastFailure = await runs.Where(r => !r.Succeeded).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        var pending = await db.Orchestrations.AsNoTracking()
            .CountAsync(o => o.PoolId == poolId && OrchestrationStore.Unfinished.Contains(o.RuntimeStatus) && Syncing.Contains(o.Name), cancellationToken);
        return new PoolSyncStatus(total, total - failed, failed, pending, latest.FirstOrDefault()?.FinishedAt, lastSuccess,
            lastFailure is null ? null : new SyncError(lastFailure.ErrorCode, lastFailure.Error, lastFailure.FinishedAt),
            latest.Select(SyncRunView.From).ToList());
    }
}
