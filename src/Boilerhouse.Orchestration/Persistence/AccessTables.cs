using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// Adds the API key, audit, activity and command log tables to a database created before they existed: EnsureCreated
/// does nothing on an existing database, and there are no migrations yet.
/// </summary>
public sealed class AccessTables(IDbContextFactory<BoilerhouseDb> dbFactory)
{
    private static readonly string[] Tables = ["ApiKeys", "AuditLog", "ActivityLog", "CommandLog"];

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            return;
        }

        foreach (var table in Tables)
        {
            var exists = await db.Database
                .SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {table}")
                .SingleAsync(cancellationToken) > 0;
            if (exists)
            {
                continue;
            }

            // The model's own DDL for this table and its indexes, nothing else.
            var statements = db.Database.GenerateCreateScript()
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(s => s.Contains($"\"{table}\" (", StringComparison.Ordinal) && s.StartsWith("CREATE", StringComparison.Ordinal));
            foreach (var statement in statements)
            {
                await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
            }
        }
    }
}
