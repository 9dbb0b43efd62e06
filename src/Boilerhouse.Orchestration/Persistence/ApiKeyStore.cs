using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>API keys in the database: looked up by hash on every request, so a revocation holds at once on every silo.</summary>
public sealed class ApiKeyStore(IDbContextFactory<BoilerhouseDb> dbFactory)
{
    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AnyAsync(cancellationToken);
    }

    public async Task<ApiKeyRecord?> FindByHashAsync(string secretHash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.SecretHash == secretHash, cancellationToken);
    }

    public async Task<ApiKeyRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().ToListAsync(cancellationToken);
        return keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal).ToList();
    }

    public async Task AddAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Marks the key revoked; false when there is no such key. Revoking twice keeps the first time.</summary>
    public async Task<bool> RevokeAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken) is not { } key)
        {
            return false;
        }

        key.RevokedAt ??= now;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Replaces the secret of a live key (the old secret stops working at once); null when the key is unknown or revoked.</summary>
    public async Task<ApiKeyRecord?> RotateAsync(string id, string secretHash, string prefix, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id && k.RevokedAt == null, cancellationToken) is not { } key)
        {
            return null;
        }

        key.SecretHash = secretHash;
        key.Prefix = prefix;
        key.RotatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }
}
