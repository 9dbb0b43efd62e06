using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>Whether the database answers, for the health check.</summary>
public sealed class DatabaseProbe(IDbContextFactory<BoilerhouseDb> dbFactory)
{
    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken);
    }
}
