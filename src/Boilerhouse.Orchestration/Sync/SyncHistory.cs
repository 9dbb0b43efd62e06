using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Sync;

/// <summary>The sync state the status APIs show: a tenant's last sync and a pool's recent runs.</summary>
public sealed class SyncHistory(SyncRunStore runs)
{
    public Task<TenantSyncStatus> ForTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        runs.ForTenantAsync(tenantId, cancellationToken);

    public Task<PoolSyncStatus> ForPoolAsync(string poolId, int recent, CancellationToken cancellationToken) =>
        runs.ForPoolAsync(poolId, recent, cancellationToken);
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
