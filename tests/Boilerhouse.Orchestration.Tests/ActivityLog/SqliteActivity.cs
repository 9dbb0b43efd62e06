using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Boilerhouse.Orchestration.Tests.ActivityLog;

/// <summary>An activity store on a real SQLite file of a test's own.</summary>
internal sealed class SqliteActivity : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bh-act-").FullName;

    public ActivityStore Store { get; private set; } = null!;

    public IDbContextFactory<BoilerhouseDb> Db { get; private set; } = null!;

    public static async Task<SqliteActivity> CreateAsync()
    {
        var sqlite = new SqliteActivity();
        var options = DatabaseOptions.For(DatabaseSettings.Sqlite(Path.Combine(sqlite._dir, "a.db")));
        sqlite.Db = new PooledDbContextFactory<BoilerhouseDb>(options);
        await new DatabaseInitializer(sqlite.Db).InitializeAsync(CancellationToken.None);
        sqlite.Store = new ActivityStore(sqlite.Db);
        return sqlite;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return ValueTask.CompletedTask;
    }
}
