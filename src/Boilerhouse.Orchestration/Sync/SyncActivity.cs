using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Events;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Events;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Telemetry;
using Boilerhouse.Sync;

namespace Boilerhouse.Orchestration.Sync;

/// <summary>
/// Runs the sync engine against a tenant's container (on whichever host runs it) and keeps every
/// run, failed ones included, as the tenant's sync history. Re-running is safe: the engine is
/// incremental, so a repeat after a crash moves only what is still different.
/// </summary>
public sealed class SyncActivity(
    WorkloadCatalog workloads, ContainerLocator locator, SyncEngine engine, SyncRunStore runs, BoilerhouseMetrics metrics, IEventPublisher events, TimeProvider time)
{
    /// <summary>Null when the workload syncs nothing.</summary>
    public async Task<SyncSummary?> RunAsync(
        SyncTarget target, SyncTrigger trigger, SyncDirection direction, string? instanceId, CancellationToken cancellationToken)
    {
        if (SpecOf(target.PoolId) is not { } spec)
        {
            return null;
        }

        var startedAt = time.GetUtcNow();
        var run = new { trigger = SyncSummary.Name(trigger), direction = SyncSummary.Name(direction), instanceId };
        events.Publish(EventTypes.SyncStarted, target.PoolId, target.TenantId, target.ContainerId, payload: run);
        try
        {
            var runtime = await locator.RuntimeForAsync(target.ContainerName, cancellationToken);
            var (uid, gid) = ContainerUser.Parse(spec.Security.User);
            var result = await engine.RunAsync(new SyncRunRequest(
                runtime, target.ContainerId, spec.Sync!, new SyncScope(target.TenantId, target.PoolId, spec.WorkloadId), trigger, direction,
                new FileOwner(uid, gid)), cancellationToken);
            var summary = SyncSummary.From(result, trigger, direction);
            await RecordAsync(target, instanceId, summary, null, cancellationToken);
            events.Publish(EventTypes.SyncCompleted, target.PoolId, target.TenantId, target.ContainerId, payload: new
            {
                run.trigger, run.direction, instanceId, summary.FilesTransferred, summary.FilesSkipped, summary.FilesDeleted, summary.BytesTransferred,
                durationMs = (summary.FinishedAt - summary.StartedAt).TotalMilliseconds,
            });
            return summary;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var failed = new SyncSummary(SyncSummary.Name(trigger), SyncSummary.Name(direction), startedAt, time.GetUtcNow(), 0, 0, 0, 0);
            var code = ex is BoilerhouseException be ? be.Code : ErrorCodes.Internal;
            await RecordAsync(target, instanceId, failed, (code, ex.Message), CancellationToken.None);
            events.Publish(EventTypes.SyncFailed, target.PoolId, target.TenantId, target.ContainerId,
                payload: new { run.trigger, run.direction, instanceId, code, message = ex.Message });
            throw;
        }
    }

    /// <summary>The workload of a pool when it has a sync spec.</summary>
    public WorkloadSpec? SpecOf(string poolId) => workloads.TryGet(poolId, out var spec) && spec.Sync is not null ? spec : null;

    private async Task RecordAsync(SyncTarget target, string? instanceId, SyncSummary run, (string Code, string Message)? error, CancellationToken cancellationToken)
    {
        metrics.SyncEnded(target.PoolId, run.Direction, error is null, run.FinishedAt - run.StartedAt, run.BytesTransferred, run.FilesTransferred);
        await runs.AddAsync(new SyncRunRecord
        {
            TenantId = target.TenantId,
            PoolId = target.PoolId,
            InstanceId = instanceId,
            Trigger = run.Trigger,
            Direction = run.Direction,
            StartedAt = run.StartedAt,
            FinishedAt = run.FinishedAt,
            Succeeded = error is null,
            FilesTransferred = run.FilesTransferred,
            FilesSkipped = run.FilesSkipped,
            FilesDeleted = run.FilesDeleted,
            BytesTransferred = run.BytesTransferred,
            ErrorCode = error?.Code,
            Error = error?.Message,
        }, cancellationToken);
    }
}
