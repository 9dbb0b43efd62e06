using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>
/// Counts the containers a key's tenants hold, for its maxContainers quota. Claims of one key pass
/// one at a time and reserve their tenant until the database shows it holding (or the claim ends),
/// so two concurrent claims at the limit cannot both pass. A claim still running when its request ends keeps
/// its reservation until the database shows the tenant holding, or ten minutes pass.
/// </summary>
public sealed class ClaimQuotaStore(IDbContextFactory<BoilerhouseDb> dbFactory, TimeProvider time)
{
    private static readonly TimeSpan ReservationLifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, KeyLedger> _ledgers = new(StringComparer.Ordinal);

    /// <summary>Reserves room for <paramref name="tenantId"/>; null when the key's tenants already hold <paramref name="max"/> containers.</summary>
    public async Task<bool> TryReserveAsync(
        string keyId, int max, string tenantId, Func<string, bool> inScope, CancellationToken cancellationToken)
    {
        var ledger = _ledgers.GetOrAdd(keyId, _ => new KeyLedger());
        await ledger.Gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var holding = (await db.Tenants.AsNoTracking()
                    .Where(t => t.Status == TenantStatus.Claimed || t.Status == TenantStatus.Releasing)
                    .Select(t => t.TenantId)
                    .ToListAsync(cancellationToken))
                .Where(inScope)
                .ToHashSet(StringComparer.Ordinal);
            foreach (var (pending, until) in ledger.Pending.ToArray())
            {
                if (until < now || holding.Contains(pending))
                {
                    ledger.Pending.Remove(pending);
                }
            }

            // A tenant that holds (or is getting) a container already: its claim answers that container.
            if (!holding.Contains(tenantId) && !ledger.Pending.ContainsKey(tenantId) && holding.Count + ledger.Pending.Count >= max)
            {
                return false;
            }

            ledger.Pending[tenantId] = now + ReservationLifetime;
            return true;
        }
        finally
        {
            ledger.Gate.Release();
        }
    }

    private sealed class KeyLedger
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public Dictionary<string, DateTimeOffset> Pending { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Drops a reservation whose claim ended without leaving a container (or whose container is recorded now).</summary>
    public async Task CancelAsync(string keyId, string tenantId)
    {
        if (!_ledgers.TryGetValue(keyId, out var ledger))
        {
            return;
        }

        await ledger.Gate.WaitAsync();
        try
        {
            ledger.Pending.Remove(tenantId);
        }
        finally
        {
            ledger.Gate.Release();
        }
    }
}
