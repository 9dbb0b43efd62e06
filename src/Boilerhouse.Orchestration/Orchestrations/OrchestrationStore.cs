using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>Reads and writes orchestration instances and their step history.</summary>
public sealed class OrchestrationStore(IDbContextFactory<BoilerhouseDb> dbFactory, TimeProvider time)
{
    public async Task CreateAsync(OrchestrationRecord record, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Orchestrations.Add(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Appends a finished step and moves the instance's custom status on: the checkpoint.</summary>
    public async Task AppendStepAsync(OrchestrationStepRecord step, string customStatus, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.OrchestrationSteps.Add(step);
        await db.Orchestrations.Where(o => o.InstanceId == step.InstanceId).ExecuteUpdateAsync(
            u => u.SetProperty(o => o.CustomStatus, customStatus).SetProperty(o => o.LastUpdatedTime, step.EndedAt),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task FinishAsync(
        string instanceId, OrchestrationRuntimeStatus status, string? outputJson, string? errorCode, string? errorMessage,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.Orchestrations.Where(o => o.InstanceId == instanceId).ExecuteUpdateAsync(
            u => u.SetProperty(o => o.RuntimeStatus, status)
                .SetProperty(o => o.OutputJson, outputJson)
                .SetProperty(o => o.ErrorCode, errorCode)
                .SetProperty(o => o.ErrorMessage, errorMessage)
                .SetProperty(o => o.CustomStatus, status.ToString())
                .SetProperty(o => o.LastUpdatedTime, now),
            cancellationToken);
    }

    public async Task<OrchestrationRecord?> GetAsync(string instanceId, bool withSteps, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Orchestrations.AsNoTracking().Where(o => o.InstanceId == instanceId);
        if (withSteps)
        {
            query = query.Include(o => o.Steps.OrderBy(s => s.Sequence));
        }

        return await query.SingleOrDefaultAsync(cancellationToken);
    }
}
