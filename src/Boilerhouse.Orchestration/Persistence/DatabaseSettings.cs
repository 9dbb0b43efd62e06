namespace Boilerhouse.Orchestration.Persistence;

/// <summary>Which database holds the application's data: the embedded SQLite file, or PostgreSQL in cluster mode.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The database to use. <see cref="PostgresConnectionString"/> may carry a password: it is never
/// logged or shown (<see cref="ToString"/> leaves it out).
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string SqlitePath, string? PostgresConnectionString = null)
{
    public static DatabaseSettings Sqlite(string path) => new(DatabaseProvider.Sqlite, path);

    public static DatabaseSettings Postgres(string connectionString) => new(DatabaseProvider.Postgres, "", connectionString);

    public override string ToString() => Provider == DatabaseProvider.Sqlite ? $"sqlite ({SqlitePath})" : "postgres";
}
