using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>The audit log: appended for every state-changing request, read newest first in pages.</summary>
public sealed class AuditStore(IDbContextFactory<BoilerhouseDb> dbFactory)
{
    public async Task AddAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditLog.Add(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A page of entries older than <paramref name="beforeId"/> (null: the newest), newest first.</summary>
    public async Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var records = db.AuditLog.AsNoTracking().AsQueryable();
        if (query.KeyId is { } keyId)
        {
            records = records.Where(r => r.KeyId == keyId);
        }

        if (query.Action is { } action)
        {
            records = records.Where(r => r.Action.Contains(action));
        }

        return await records.Page(query.From, query.To, query.BeforeId, query.Top).ToListAsync(cancellationToken);
    }
}

public sealed record AuditQuery(string? KeyId, string? Action, DateTimeOffset? From, DateTimeOffset? To, long? BeforeId, int Top);
