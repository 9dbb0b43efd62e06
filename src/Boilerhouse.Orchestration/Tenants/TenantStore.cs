using System.Runtime.ExceptionServices;
using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Tenants;

/// <summary>Tenant assignments in the database: every query of them lives here; every write is an idempotent upsert or delete.</summary>
public sealed class TenantStore(IDbContextFactory<BoilerhouseDb> dbFactory, TimeProvider time)
{
    /// <summary>Writes the assignment whole: an insert (one statement, the usual case: a release deletes the row), else an update.</summary>
    public async Task SaveAsync(TenantRecord assignment, CancellationToken cancellationToken)
    {
        DbUpdateException conflict;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.Tenants.Add(assignment);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            // Usually the tenant has a row: a lost container being replaced, or a resumed claim writing it again.
            conflict = ex;
        }

        await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
        again.Tenants.Update(assignment);
        try
        {
            await again.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // It has none: the insert broke another unique index (its container is another tenant's), which is the error.
            ExceptionDispatchInfo.Throw(conflict);
        }
    }

    /// <summary>Marks the tenant releasing and answers which container goes; TENANT_NOT_FOUND when it holds none.</summary>
    public async Task<ReleaseTarget> MarkReleasingAsync(string tenantId, string instanceId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var assignment = await db.Tenants.FindAsync([tenantId], cancellationToken)
            ?? throw new BoilerhouseException(ErrorCodes.TenantNotFound, $"Tenant '{tenantId}' holds no container.");
        var lost = assignment.Status == TenantStatus.Lost;
        assignment.Status = TenantStatus.Releasing;
        assignment.LastInstanceId = instanceId;
        await db.SaveChangesAsync(cancellationToken);
        return new ReleaseTarget(assignment.PoolId, assignment.ContainerName, assignment.ContainerId, lost);
    }

    /// <summary>Marks a claimed tenant lost when its recorded container is this one; false when nothing matched.</summary>
    public async Task<bool> MarkLostAsync(string tenantId, string containerName, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WriteAsync(() => db.Tenants
            .Where(t => t.TenantId == tenantId && t.ContainerName == containerName && t.Status == TenantStatus.Claimed)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TenantStatus.Lost), cancellationToken), cancellationToken) > 0;
    }

    /// <summary>Moves the tenant's last activity to now; answers the updated assignment, null when there is none.</summary>
    public async Task<TenantRecord?> TouchAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var assignment = await db.Tenants.FindAsync([tenantId], cancellationToken);
        if (assignment is null)
        {
            return null;
        }

        assignment.LastActivityAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return assignment;
    }

    public async Task ClearAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.WriteAsync(() => db.Tenants.Where(t => t.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken), cancellationToken);
    }

    public async Task<TenantRecord?> LoadAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.TenantId == tenantId, cancellationToken);
    }

    /// <summary>The claimed tenants of these pools (every pool when null), in tenant id order.</summary>
    public async Task<List<TenantRecord>> ClaimedAsync(IReadOnlyCollection<string>? poolIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = db.Tenants.AsNoTracking().Where(t => t.Status == TenantStatus.Claimed);
        if (poolIds is not null)
        {
            claimed = claimed.Where(t => poolIds.Contains(t.PoolId));
        }

        var tenants = await claimed.ToListAsync(cancellationToken);
        return [.. tenants.OrderBy(t => t.TenantId, StringComparer.Ordinal)];
    }

    /// <summary>How many tenants hold an assignment in each status (statuses nobody is in are left out).</summary>
    public async Task<Dictionary<TenantStatus, int>> CountByStatusAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tenants.AsNoTracking().GroupBy(t => t.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
    }
}
