using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// synchronous=NORMAL (with WAL, set once by <see cref="DatabaseInitializer"/>): durable across
/// process crashes, the case we guard against, and far faster per write, which the claim path needs.
/// busy_timeout lets SQLite wait for a concurrent writer in short steps instead of the provider's
/// coarse retry sleeps. Both belong to the native connection, which the provider's pool keeps open
/// across opens: they are set once per native connection, not on every open (a claim opens ~8 times).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";

    private readonly ConditionalWeakTable<object, object> _set = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>True the first time this native connection is seen (a connection without a handle always counts as new).</summary>
    private bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _set.TryAdd(handle, handle);
}
