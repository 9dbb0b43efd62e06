using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Sync;

/// <summary>Reads the recorded sync runs: a tenant's last sync and a pool's recent runs, for the status APIs.</summary>
public sealed class SyncHistory(IDbContextFactory<BoilerhouseDb> dbFactory)
{
    private static readonly OrchestrationRuntimeStatus[] Unfinished = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running];
    private static readonly string[] Syncing = [SyncOrchestration.Name, ReleaseOrchestration.Name];

    public async Task<TenantSyncStatus> ForTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = db.SyncRuns.AsNoTracking().Where(r => r.TenantId == tenantId).OrderByDescending(r => r.Id);
        var last = await runs.FirstOrDefaultAsync(cancellationToken);
        var lastSuccess = last is { Succeeded: true } ? last : await runs.FirstOrDefaultAsync(r => r.Succeeded, cancellationToken);
        // A sync, or a release that has yet to save the state, is pending.
        var pending = await db.Orchestrations.AsNoTracking()
            .AnyAsync(o => o.TenantId == tenantId && Unfinished.Contains(o.RuntimeStatus) && Syncing.Contains(o.Name), cancellationToken);
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
            .CountAsync(o => o.PoolId == poolId && Unfinished.Contains(o.RuntimeStatus) && Syncing.Contains(o.Name), cancellationToken);
        return new PoolSyncStatus(total, total - failed, failed, pending, latest.FirstOrDefault()?.FinishedAt, lastSuccess,
            lastFailure is null ? null : new SyncError(lastFailure.ErrorCode, lastFailure.Error, lastFailure.FinishedAt),
            latest.Select(SyncRunView.From).ToList());
    }
}

/// <summary>A tenant's sync state: last run, last success, whether one is pending, the last error.</summary>
public sealed record TenantSyncStatus(
    DateTimeOffset? LastSyncAt, string? LastStatus, DateTimeOffset? LastSuccessAt, bool Pending, SyncError? LastError, SyncRunView? LastRun);

public sealed record PoolSyncStatus(
    int Runs, int Succeeded, int Failed, int Pending, DateTimeOffset? LastRunAt, DateTimeOffset? LastSuccessAt, SyncError? LastError,
    IReadOnlyList<SyncRunView> Recent);

public sealed record SyncError(string? Code, string? Message, DateTimeOffset At);

/// <summary>One recorded run as the API shows it.</summary>
public sealed record SyncRunView(
    string TenantId, string? InstanceId, string Trigger, string Direction, DateTimeOffset StartedAt, DateTimeOffset FinishedAt,
    bool Succeeded, int FilesTransferred, int FilesSkipped, int FilesDeleted, long BytesTransferred, string? ErrorCode, string? Error)
{
    public static SyncRunView From(SyncRunRecord r) => new(
        r.TenantId, r.InstanceId, r.Trigger, r.Direction, r.StartedAt, r.FinishedAt, r.Succeeded,
        r.FilesTransferred, r.FilesSkipped, r.FilesDeleted, r.BytesTransferred, r.ErrorCode, r.Error);
}
