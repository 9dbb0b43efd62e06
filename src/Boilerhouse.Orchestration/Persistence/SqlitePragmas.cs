using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// synchronous=NORMAL (with WAL, set once by <see cref="DatabaseInitializer"/>): durable across
/// process crashes, the case we guard against, and far faster per write, which the claim path needs.
/// busy_timeout lets SQLite wait for a concurrent writer in short steps instead of the provider's
/// coarse retry sleeps.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
