using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// Points the one model at a provider and at that provider's migrations, which live in their own
/// assemblies (each provider has its own SQL and model snapshot; see eng/add-migration).
/// </summary>
public static class DatabaseOptions
{
    public const string SqliteMigrations = "Boilerhouse.Migrations.Sqlite";
    public const string PostgresMigrations = "Boilerhouse.Migrations.Postgres";

    public static DbContextOptionsBuilder UseBoilerhouseDatabase(this DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        switch (settings.Provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(settings.PostgresConnectionString, o => o.MigrationsAssembly(PostgresMigrations));
                break;
            default:
                options.UseSqlite($"Data Source={settings.SqlitePath};Pooling=True", o => o.MigrationsAssembly(SqliteMigrations))
                    .AddInterceptors(new SqlitePragmas());
                break;
        }

        return options;
    }

    /// <summary>Options for a test or a tool that builds its own factory.</summary>
    public static DbContextOptions<BoilerhouseDb> For(DatabaseSettings settings)
    {
        var options = new DbContextOptionsBuilder<BoilerhouseDb>();
        options.UseBoilerhouseDatabase(settings);
        return options.Options;
    }
}
