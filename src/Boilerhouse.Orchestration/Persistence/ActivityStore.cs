using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>The activity log: written in batches (each event once), read newest first in pages, trimmed by age.</summary>
public sealed class ActivityStore(IDbContextFactory<BoilerhouseDb> dbFactory)
{
    private static readonly DateTimeOffsetToBinaryConverter TimeColumn = new();

    /// <summary>Adds the entries in one transaction; an entry whose event id is already stored (another silo wrote it) is skipped.</summary>
    public async Task AddAsync(IReadOnlyList<ActivityRecord> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.WriteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var e in entries)
            {
                // ON CONFLICT DO NOTHING is understood by both SQLite and PostgreSQL.
                var time = (long)TimeColumn.ConvertToProvider(e.Time)!;
                await db.Database.ExecuteSqlAsync(
                    $"""INSERT INTO "ActivityLog" ("Id", "Time", "Type", "PoolId", "TenantId", "ContainerId", "HostId", "Sentence") VALUES ({e.Id}, {time}, {e.Type}, {e.PoolId}, {e.TenantId}, {e.ContainerId}, {e.HostId}, {e.Sentence}) ON CONFLICT DO NOTHING""",
                    cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return 0;
        }, cancellationToken);
    }

    /// <summary>A page of entries older than <see cref="ActivityQuery.BeforeId"/> (null: the newest), newest first.</summary>
    public async Task<IReadOnlyList<ActivityRecord>> QueryAsync(ActivityQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var records = db.ActivityLog.AsNoTracking().AsQueryable();
        if (query.PoolId is { } poolId)
        {
            records = records.Where(r => r.PoolId == poolId);
        }

        if (query.TenantId is { } tenantId)
        {
            records = records.Where(r => r.TenantId == tenantId);
        }

        if (query.Types is { Count: > 0 } types)
        {
            records = records.Where(AnyOf(types, t => t.EndsWith(".*", StringComparison.Ordinal), r => r.Type));
        }

        if (query.TenantScope is { } scope)
        {
            records = records.Where(r => r.TenantId != null).Where(AnyOf(scope, s => s.EndsWith('*'), r => r.TenantId!));
        }

        return await records.Page(query.From, query.To, query.BeforeId, query.Top).ToListAsync(cancellationToken);
    }

    /// <summary>Deletes the entries older than <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WriteAsync(() => db.ActivityLog.Where(r => r.Time < cutoff).ExecuteDeleteAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// "column equals one of the exact values, or starts with one of the prefixes" (an entry ending in
    /// <c>*</c>, or <c>.*</c> for types), as SQL the provider can run.
    /// </summary>
    private static Expression<Func<ActivityRecord, bool>> AnyOf(
        IReadOnlyList<string> entries, Func<string, bool> isPrefix, Expression<Func<ActivityRecord, string>> column)
    {
        var exact = entries.Where(e => !isPrefix(e)).ToList();
        var parameter = column.Parameters[0];
        Expression body = Expression.Call(Expression.Constant(exact), typeof(List<string>).GetMethod(nameof(List<string>.Contains))!, column.Body);
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        foreach (var prefix in entries.Where(isPrefix))
        {
            body = Expression.OrElse(body, Expression.Call(column.Body, startsWith, Expression.Constant(prefix.TrimEnd('*'))));
        }

        return Expression.Lambda<Func<ActivityRecord, bool>>(body, parameter);
    }
}

/// <summary>
/// Filters of the activity log: <see cref="Types"/> exact or as families ("container.*");
/// <see cref="TenantScope"/>, when set, keeps only entries of tenants it names (ids, or prefixes ending in '*').
/// </summary>
public sealed record ActivityQuery(
    string? PoolId, string? TenantId, IReadOnlyList<string>? Types, IReadOnlyList<string>? TenantScope,
    DateTimeOffset? From, DateTimeOffset? To, long? BeforeId, int Top);
