using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// Reads and writes orchestration instances and their step history. Writes go through one
/// <see cref="GroupCommit"/>: the checkpoints of concurrent instances share transactions.
/// </summary>
public sealed class OrchestrationStore(IDbContextFactory<BoilerhouseDb> dbFactory, TimeProvider time, ILogger<OrchestrationStore>? logger = null)
{
    /// <summary>The statuses of an instance that has yet to end: the one place they are listed.</summary>
    public static readonly OrchestrationRuntimeStatus[] Unfinished = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running];

    private readonly GroupCommit _writes = new(dbFactory, (ILogger?)logger ?? NullLogger.Instance);

    /// <summary>Inserts a new instance, or returns the one that already has this id (a retried start).</summary>
    public async Task<(OrchestrationRecord Record, bool Created)> CreateAsync(OrchestrationRecord record, CancellationToken cancellationToken)
    {
        // Insert first: a new id (nearly always) costs no read; a retried one is found after its duplicate key.
        try
        {
            await _writes.WriteAsync(batch => batch.Add(record)).WaitAsync(cancellationToken);
            return (record, true);
        }
        catch (Exception ex) when (UniqueViolation.Is(ex))
        {
        }

        return await GetAsync(record.InstanceId, withSteps: false, cancellationToken) is { } existing
            ? (existing, false)
            : throw new InvalidOperationException($"Instance '{record.InstanceId}' exists yet could not be read; it was purged meanwhile.");
    }

    /// <summary>Appends a finished attempt and moves the instance's custom status on: the checkpoint, durable when this completes.</summary>
    public Task AppendStepAsync(OrchestrationStepRecord step, string customStatus, CancellationToken cancellationToken) =>
        AppendStepsAsync([step], customStatus, cancellationToken);

    /// <summary>Appends several steps in one transaction (all or none), e.g. a step with the decisions deferred to it.</summary>
    public Task AppendStepsAsync(IReadOnlyList<OrchestrationStepRecord> steps, string customStatus, CancellationToken cancellationToken) =>
        _writes.WriteAsync(batch =>
        {
            foreach (var step in steps)
            {
                batch.Add(step);
            }

            var last = steps[^1];
            batch.Set(last.InstanceId, o => o.CustomStatus, customStatus);
            batch.Set(last.InstanceId, o => o.LastUpdatedTime, last.EndedAt);
        }).WaitAsync(cancellationToken);

    /// <summary>Marks the instance Running and waits until that is durable.</summary>
    public Task MarkRunningAsync(string instanceId, CancellationToken cancellationToken) =>
        _writes.WriteAsync(batch => StageRunning(batch, instanceId, startedStatus: false)).WaitAsync(cancellationToken);

    /// <summary>
    /// Marks the instance Running without waiting: Pending and Running are both unfinished and resumed
    /// alike, so nothing depends on this row being durable; it is still written before the instance's
    /// later checkpoints (one ordered writer), usually in the same transaction as its first.
    /// </summary>
    public void QueueRunning(OrchestrationRecord record) =>
        _writes.Post(batch => StageRunning(batch, record.InstanceId, startedStatus: record.CustomStatus is null), $"instance {record.InstanceId} running");

    public Task FinishAsync(
        string instanceId, OrchestrationRuntimeStatus status, string? outputJson, string? errorCode, string? errorMessage,
        CancellationToken cancellationToken) =>
        FinishAsync(instanceId, status, outputJson, errorCode, errorMessage, [], cancellationToken);

    /// <summary>Ends the instance, storing with it the steps whose checkpoints were deferred to the next write.</summary>
    public Task FinishAsync(
        string instanceId, OrchestrationRuntimeStatus status, string? outputJson, string? errorCode, string? errorMessage,
        IReadOnlyList<OrchestrationStepRecord> deferredSteps, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return _writes.WriteAsync(batch =>
        {
            foreach (var step in deferredSteps)
            {
                batch.Add(step);
            }

            batch.Set(instanceId, o => o.RuntimeStatus, status);
            batch.Set(instanceId, o => o.OutputJson, outputJson);
            batch.Set(instanceId, o => o.ErrorCode, errorCode);
            batch.Set(instanceId, o => o.ErrorMessage, errorMessage);
            batch.Set(instanceId, o => o.CustomStatus, status.ToString());
            batch.Set(instanceId, o => o.LastUpdatedTime, now);
        }).WaitAsync(cancellationToken);
    }

    public async Task<OrchestrationRecord?> GetAsync(string instanceId, bool withSteps, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Orchestrations.AsNoTracking().Where(o => o.InstanceId == instanceId);
        if (withSteps)
        {
            query = query.Include(o => o.Steps.OrderBy(s => s.Sequence).ThenBy(s => s.Attempt));
        }

        return await query.SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Unfinished instances of a tenant with their history, oldest first: the work to resume.</summary>
    public async Task<List<OrchestrationRecord>> GetUnfinishedAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var records = await db.Orchestrations.AsNoTracking().Include(o => o.Steps)
            .Where(o => o.TenantId == tenantId && Unfinished.Contains(o.RuntimeStatus))
            .ToListAsync(cancellationToken);
        return [.. records.OrderBy(o => o.CreatedTime)];
    }

    public async Task<List<string>> GetTenantsWithUnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Orchestrations.Where(o => o.TenantId != null && Unfinished.Contains(o.RuntimeStatus))
            .Select(o => o.TenantId!).Distinct().ToListAsync(cancellationToken);
    }

    /// <summary>Which of these tenants have an instance yet to end (they are busy).</summary>
    public async Task<HashSet<string>> BusyTenantsAsync(IReadOnlyCollection<string> tenantIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var busy = await db.Orchestrations.AsNoTracking()
            .Where(o => o.TenantId != null && tenantIds.Contains(o.TenantId) && Unfinished.Contains(o.RuntimeStatus))
            .Select(o => o.TenantId!)
            .ToListAsync(cancellationToken);
        return [.. busy];
    }

    /// <summary>One page of instances matching the query, newest first, and the token for the next page.</summary>
    public async Task<(List<OrchestrationRecord> Page, string? ContinuationToken)> QueryAsync(OrchestrationQuery q, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Orchestrations.AsNoTracking();
        if (q.RuntimeStatuses is { Count: > 0 } statuses)
        {
            query = query.Where(o => statuses.Contains(o.RuntimeStatus));
        }

        if (q.Name is not null)
        {
            query = query.Where(o => o.Name == q.Name);
        }

        if (q.TenantId is not null)
        {
            query = query.Where(o => o.TenantId == q.TenantId);
        }

        if (q.CreatedFrom is { } from)
        {
            query = query.Where(o => o.CreatedTime >= from);
        }

        if (q.CreatedTo is { } to)
        {
            query = query.Where(o => o.CreatedTime <= to);
        }

        if (q.After is { } after)
        {
            query = query.Where(o => o.CreatedTime < after.CreatedTime
                || (o.CreatedTime == after.CreatedTime && string.Compare(o.InstanceId, after.InstanceId) < 0));
        }

        var rows = await query.OrderByDescending(o => o.CreatedTime).ThenByDescending(o => o.InstanceId)
            .Take(q.Top + 1).ToListAsync(cancellationToken);
        if (rows.Count <= q.Top)
        {
            return (rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        return (rows, ContinuationToken.Encode(rows[^1].CreatedTime, rows[^1].InstanceId));
    }

    /// <summary>Deletes a finished instance and its history; false when it does not exist.</summary>
    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WriteAsync(async () =>
        {
            await db.OrchestrationSteps.Where(s => s.InstanceId == instanceId).ExecuteDeleteAsync(cancellationToken);
            return await db.Orchestrations.Where(o => o.InstanceId == instanceId).ExecuteDeleteAsync(cancellationToken) > 0;
        }, cancellationToken);
    }

    /// <summary>Deletes every finished instance created before <paramref name="createdTo"/>.</summary>
    public async Task<int> PurgeFinishedAsync(DateTimeOffset createdTo, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var finished = db.Orchestrations.Where(o => o.CreatedTime <= createdTo && !Unfinished.Contains(o.RuntimeStatus));
        return await db.WriteAsync(async () =>
        {
            await db.OrchestrationSteps.Where(s => finished.Select(o => o.InstanceId).Contains(s.InstanceId)).ExecuteDeleteAsync(cancellationToken);
            return await finished.ExecuteDeleteAsync(cancellationToken);
        }, cancellationToken);
    }

    // Instances are created with a custom status; one stored without (by an old version) reads "Started".
    private void StageRunning(CheckpointBatch batch, string instanceId, bool startedStatus)
    {
        batch.Set(instanceId, o => o.RuntimeStatus, OrchestrationRuntimeStatus.Running);
        if (startedStatus)
        {
            batch.Set(instanceId, o => o.CustomStatus, "Started");
        }

        batch.Set(instanceId, o => o.LastUpdatedTime, time.GetUtcNow());
    }
}
