using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// SQLite files from the versions before migrations were made by EnsureCreated: all their tables, no
/// migrations history. Records as applied each early migration whose tables are all there, so
/// Migrate then adds only what is missing (the access tables of an older file, later migrations)
/// and every row stays.
/// </summary>
internal static class LegacySchemaBaseline
{
    /// <summary>The schemas EnsureCreated made over time, oldest first, as the migrations that describe them.</summary>
    private static readonly (string Migration, string[] Tables)[] Generations =
    [
        ("Initial", ["Containers", "Tenants", "Orchestrations", "OrchestrationSteps", "SyncRuns"]),
        ("AccessKeysAndAudit", ["ApiKeys", "AuditLog"]),
        ("ActivityLog", ["ActivityLog"]),
    ];

    public static async Task ApplyAsync(BoilerhouseDb db, CancellationToken cancellationToken)
    {
        var tables = (await db.Database
                .SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'")
                .ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var history = db.GetService<IHistoryRepository>();
        if (tables.Contains(HistoryRepository.DefaultTableName) || !tables.Contains("Containers"))
        {
            return;
        }

        var migrations = db.Database.GetMigrations().ToList();
        List<string> statements = [history.GetCreateScript()];
        foreach (var (migration, created) in Generations)
        {
            if (!created.All(tables.Contains))
            {
                break;
            }

            var id = migrations.Single(m => m.EndsWith("_" + migration, StringComparison.Ordinal));
            statements.Add(history.GetInsertScript(new HistoryRow(id, ProductInfo.GetVersion())));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var statement in statements)
        {
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
