using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// Whether an exception means the database cannot be reached right now (server down, restarting,
/// refusing connections, file locked), as opposed to a bug: the API answers 503 DATABASE_UNAVAILABLE
/// with Retry-After, and the next request simply tries again (connection pools drop broken connections).
/// </summary>
public static class DatabaseUnavailable
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteCantOpen = 14;

    public static bool Is(Exception? ex) => ex switch
    {
        null => false,
        // What a grain (maybe on another silo) answered for one: Npgsql's exceptions do not cross silos.
        DatabaseUnavailableException => true,
        // 08: connection exceptions; 57P01-57P03: the server is shutting down or starting up; 53: out of resources.
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("53", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SqliteException sqlite => sqlite.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteIoError or SqliteCantOpen,
        _ => Is(ex.InnerException),
    };

    /// <summary>
    /// Runs a grain's activation; a database outage there fails it with a <see cref="DatabaseUnavailableException"/>
    /// (an activation's error goes back to the caller, maybe on another silo, where Npgsql's exceptions cannot be read).
    /// </summary>
    public static async Task PortableAsync(Func<Task> activation)
    {
        try
        {
            await activation();
        }
        catch (Exception ex) when (ex is not DatabaseUnavailableException && Is(ex))
        {
            throw new DatabaseUnavailableException();
        }
    }
}
