using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>The command log: one row per exec or terminal session, read per tenant newest first in pages.</summary>
public sealed class CommandLogStore(IDbContextFactory<BoilerhouseDb> dbFactory)
{
    public async Task AddAsync(CommandRecord record, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.CommandLog.Add(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A page of a tenant's entries older than <paramref name="beforeId"/> (null: the newest), newest first.</summary>
    public async Task<IReadOnlyList<CommandRecord>> QueryAsync(string tenantId, long? beforeId, int top, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CommandLog.AsNoTracking().Where(r => r.TenantId == tenantId)
            .Page(null, null, beforeId, top).ToListAsync(cancellationToken);
    }
}
