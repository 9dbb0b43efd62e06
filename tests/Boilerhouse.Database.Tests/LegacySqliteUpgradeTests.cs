using Boilerhouse.Database.Tests.Infrastructure;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Database.Tests;

/// <summary>
/// SQLite files made before migrations (by EnsureCreated) upgrade in place. The schema such a file
/// has is captured in Legacy/ensure-created-e959830.sql: what main at e959830 created, the last
/// version without migrations.
/// </summary>
public sealed class LegacySqliteUpgradeTests
{
    private static readonly string[] AccessTables = ["ApiKeys", "AuditLog", "ActivityLog"];

    [Fact]
    public async Task File_made_by_ensure_created_is_baselined_and_keeps_its_rows()
    {
        // Given a file as the last version before migrations left it, with rows in it
        await using var legacy = TestDatabase.CreateSqlite();
        await RunAsync(legacy, LegacySchema());
        await RunAsync(legacy, """
            INSERT INTO "Tenants" ("TenantId", "PoolId", "ContainerName", "ContainerId", "Status", "ClaimedAt", "LastActivityAt") VALUES ('acme', 'p', 'c1', 'id1', 'Claimed', 0, 0);
            INSERT INTO "Containers" ("Name", "PoolId", "WorkloadId", "HostId", "Status", "TenantId", "CreatedAt") VALUES ('c1', 'p', 'w', 'local', 'Claimed', 'acme', 0);
            INSERT INTO "ApiKeys" ("Id", "Name", "SecretHash", "Prefix", "Role", "Tenants", "Pools", "CreatedAt") VALUES ('k1', 'ops', 'abc', 'bh_', 'admin', '', '', 0);
            """);

        // When this version starts on it
        await new DatabaseInitializer(legacy.Factory).InitializeAsync(CancellationToken.None);

        // Then every migration counts as applied, the rows are there, and the schema is the one a new database gets
        await using var db = await legacy.Factory.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal("c1", (await db.Tenants.SingleAsync()).ContainerName);
        Assert.Equal("acme", (await db.Containers.SingleAsync()).TenantId);
        Assert.Equal("ops", (await db.ApiKeys.SingleAsync()).Name);
        await using var fresh = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Assert.Equal(await SchemaAsync(fresh), await SchemaAsync(legacy));
    }

    [Fact]
    public async Task File_from_before_access_control_gets_the_key_audit_and_activity_tables()
    {
        // Given a file from before keys, audit and activity log existed
        await using var legacy = TestDatabase.CreateSqlite();
        await RunAsync(legacy, LegacySchema(without: AccessTables));
        await RunAsync(legacy, """INSERT INTO "Tenants" ("TenantId", "PoolId", "ContainerName", "ContainerId", "Status", "ClaimedAt", "LastActivityAt") VALUES ('kept', 'p', 'c', 'id', 'Lost', 0, 0);""");

        // When this version starts on it
        await new DatabaseInitializer(legacy.Factory).InitializeAsync(CancellationToken.None);

        // Then the later migrations created what was missing, and the old row stayed
        await using var db = await legacy.Factory.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.True(await db.Tenants.AnyAsync(t => t.TenantId == "kept"));
        db.ApiKeys.Add(new ApiKeyRecord { Id = "k", Name = "n", SecretHash = "h", Prefix = "p", Role = "reader" });
        db.AuditLog.Add(new AuditRecord { Action = "a", Target = "t" });
        db.ActivityLog.Add(new ActivityRecord { Id = 1, Type = "t", Sentence = "s" });
        await db.SaveChangesAsync();
        await using var fresh = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        Assert.Equal(await SchemaAsync(fresh), await SchemaAsync(legacy));
    }

    /// <summary>The captured DDL, less the statements of the named tables (and their indexes).</summary>
    private static string LegacySchema(params string[] without)
    {
        var sql = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Legacy", "ensure-created-e959830.sql"));
        var statements = sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => !without.Any(t => s.Contains($"\"{t}\" (", StringComparison.Ordinal) || s.Contains($"ON \"{t}\"", StringComparison.Ordinal)));
        return string.Join(";\n", statements) + ";";
    }

    private static async Task RunAsync(TestDatabase database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database.Settings.SqlitePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Tables, their columns (name, type, not null, key) and indexes (name, unique, partial), in order; the history table left out.</summary>
    private static async Task<List<string>> SchemaAsync(TestDatabase database)
    {
        await using var connection = new SqliteConnection($"Data Source={database.Settings.SqlitePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.name || ' column ' || c.name || ' ' || c.type || ' notnull=' || c."notnull" || ' pk=' || c.pk
            FROM sqlite_master m JOIN pragma_table_info(m.name) c
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '\_\_EF%' ESCAPE '\'
            UNION ALL
            SELECT m.name || ' index ' || i.name || ' unique=' || i."unique" || ' partial=' || i.partial
            FROM sqlite_master m JOIN pragma_index_list(m.name) i
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '\_\_EF%' ESCAPE '\'
            ORDER BY 1
            """;
        List<string> rows = [];
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
