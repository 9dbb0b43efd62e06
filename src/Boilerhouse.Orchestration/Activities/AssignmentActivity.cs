using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>Writes and clears tenant assignments in the database.</summary>
public sealed class AssignmentActivity(IDbContextFactory<BoilerhouseDb> dbFactory)
{
    public async Task SaveAsync(TenantRecord assignment, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Tenants.FindAsync([assignment.TenantId], cancellationToken);
        if (existing is null)
        {
            db.Tenants.Add(assignment);
        }
        else
        {
            db.Entry(existing).CurrentValues.SetValues(assignment);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ClearAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Tenants.Where(t => t.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<TenantRecord?> LoadAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.TenantId == tenantId, cancellationToken);
    }
}
