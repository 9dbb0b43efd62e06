using Microsoft.Data.Sqlite;
using Npgsql;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>Whether a write failed on a unique key or index, on either provider (the database's fence held).</summary>
public static class UniqueViolation
{
    private const int SqliteConstraint = 19;

    public static bool Is(Exception? ex) => ex switch
    {
        null => false,
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal),
        _ => Is(ex.InnerException),
    };
}
