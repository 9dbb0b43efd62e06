using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>Reads and writes orchestration instances and their step history.</summary>
public sealed class OrchestrationStore(IDbContextFactory<BoilerhouseDb> dbFactory, TimeProvider time)
{
    /// <summary>The statuses of an instance that has yet to end: the one place they are listed.</summary>
    public static readonly OrchestrationRuntimeStatus[] Unfinished = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running];

    /// <summary>Inserts a new instance, or returns the one that already has this id (a retried start).</summary>
    public async Task<(OrchestrationRecord Record, bool Created)> CreateAsync(OrchestrationRecord record, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Orchestrations.AsNoTracking().SingleOrDefaultAsync(o => o.InstanceId == record.InstanceId, cancellationToken) is { } existing)
        {
            return (existing, false);
        }

        db.Orchestrations.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return (record, true);
    }

    /// <summary>Appends a finished attempt and moves the instance's custom status on: the checkpoint.</summary>
    public async Task AppendStepAsync(OrchestrationStepRecord step, string customStatus, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var instance = await db.Orchestrations.FindAsync([step.InstanceId], cancellationToken);
        if (instance is not null)
        {
            instance.CustomStatus = customStatus;
            instance.LastUpdatedTime = step.EndedAt;
        }

        db.OrchestrationSteps.Add(step);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task MarkRunningAsync(string instanceId, CancellationToken cancellationToken) =>
        UpdateAsync(instanceId, o =>
        {
            o.RuntimeStatus = OrchestrationRuntimeStatus.Running;
            o.CustomStatus ??= "Started";
        }, cancellationToken);

    public Task FinishAsync(
        string instanceId, OrchestrationRuntimeStatus status, string? outputJson, string? errorCode, string? errorMessage,
        CancellationToken cancellationToken) =>
        UpdateAsync(instanceId, o =>
        {
            o.RuntimeStatus = status;
            o.OutputJson = outputJson;
            o.ErrorCode = errorCode;
            o.ErrorMessage = errorMessage;
            o.CustomStatus = status.ToString();
        }, cancellationToken);

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

    private async Task UpdateAsync(string instanceId, Action<OrchestrationRecord> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Orchestrations.FindAsync([instanceId], cancellationToken);
        if (record is null)
        {
            return;
        }

        change(record);
        record.LastUpdatedTime = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }
}
