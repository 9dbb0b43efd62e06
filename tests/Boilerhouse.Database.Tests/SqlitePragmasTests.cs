using Boilerhouse.Database.Tests.Infrastructure;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Database.Tests;

/// <summary>The pragmas are set once per native connection, yet every open of every context sees them.</summary>
public sealed class SqlitePragmasTests
{
    [Fact]
    public async Task Every_open_sees_synchronous_normal_and_the_busy_timeout_including_reused_pooled_connections()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        // Two contexts open at once take two native connections; later opens reuse them from the pool.
        for (var round = 0; round < 3; round++)
        {
            await using var first = await database.Factory.CreateDbContextAsync();
            await using var second = await database.Factory.CreateDbContextAsync();
            foreach (var db in new[] { first, second })
            {
                await db.Database.OpenConnectionAsync();
                Assert.Equal(1L, await PragmaAsync(db, "synchronous"));
                Assert.Equal(5000L, await PragmaAsync(db, "busy_timeout"));
            }

            foreach (var db in new[] { first, second })
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static async Task<long> PragmaAsync(DbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
