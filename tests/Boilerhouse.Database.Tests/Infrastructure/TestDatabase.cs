using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Boilerhouse.Database.Tests.Infrastructure;

/// <summary>
/// An empty database of a test's own on a real server: a SQLite file in a temp folder, or a fresh
/// database on the PostgreSQL cluster of eng/setup-postgres.sh (dropped on dispose).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly Func<Task> _drop;

    private TestDatabase(DatabaseSettings settings, Func<Task> drop)
    {
        Settings = settings;
        _drop = drop;
        Factory = new PooledDbContextFactory<BoilerhouseDb>(DatabaseOptions.For(settings));
    }

    public DatabaseSettings Settings { get; }

    public IDbContextFactory<BoilerhouseDb> Factory { get; }

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    /// <summary>An empty database, migrated to the latest schema unless <paramref name="migrate"/> is false.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        var database = provider == DatabaseProvider.Postgres ? await CreatePostgresAsync() : CreateSqlite();
        if (migrate)
        {
            await new DatabaseInitializer(database.Factory).InitializeAsync(CancellationToken.None);
        }

        return database;
    }

    public static TestDatabase CreateSqlite(string? path = null)
    {
        var folder = path is null ? Directory.CreateTempSubdirectory("bh-database-").FullName : null;
        path ??= Path.Combine(folder!, "boilerhouse.db");
        return new TestDatabase(DatabaseSettings.Sqlite(path), () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (folder is not null)
            {
                Directory.Delete(folder, recursive: true);
            }

            return Task.CompletedTask;
        });
    }

    private static async Task<TestDatabase> CreatePostgresAsync()
    {
        var admin = SharedPostgres.ConnectionString;
        var name = $"bh_test_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new TestDatabase(DatabaseSettings.Postgres(connectionString), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await _drop();
}

/// <summary>The cluster eng/setup-postgres.sh runs for everyone (its details in $ENG_STATE/postgres.env).</summary>
internal static class SharedPostgres
{
    public static string ConnectionString => EngState.Read("postgres.env", "eng/setup-postgres.sh")["BOILERHOUSE_POSTGRES"];

    public static string BinFolder => EngState.Read("postgres.env", "eng/setup-postgres.sh")["POSTGRES_BIN"];
}
