using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// Brings the schema to the latest migration at start-up (EF Core's migration lock keeps silos
/// starting together from migrating twice). A SQLite file made before migrations existed is baselined first.
/// </summary>
public sealed class DatabaseInitializer(IDbContextFactory<BoilerhouseDb> dbFactory)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await LegacySchemaBaseline.ApplyAsync(db, cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }
}
