using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Admin;

/// <summary>
/// The tenants that hold an assignment (claimed, releasing, lost), a page at a time in tenant id
/// order, each with its latest sync run: one query for the page, never one per tenant.
/// </summary>
public sealed class TenantListStore(IDbContextFactory<BoilerhouseDb> dbFactory)
{
    public async Task<IReadOnlyList<TenantListRow>> ListAsync(TenantListQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tenants = db.Tenants.AsNoTracking();
        if (query.PoolId is { } poolId)
        {
            tenants = tenants.Where(t => t.PoolId == poolId);
        }

        if (query.Status is { } status)
        {
            tenants = tenants.Where(t => t.Status == status);
        }

        if (query.TenantScope is { } scope)
        {
            tenants = tenants.Where(TenantScopeFilter.Matching<TenantRecord>(scope, t => t.TenantId));
        }

        if (query.After is { } after)
        {
            tenants = tenants.Where(t => string.Compare(t.TenantId, after) > 0);
        }

        // The latest run by id (ids grow with time), joined in the same statement as the page.
        var rows = await tenants
            .OrderBy(t => t.TenantId)
            .Take(query.Limit)
            .Select(t => new TenantListRow(t, db.SyncRuns.Where(r => r.TenantId == t.TenantId).OrderByDescending(r => r.Id).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return rows;
    }
}

/// <summary>Filters and page of the tenants list; TenantScope (a tenant key's entries) keeps only those tenants.</summary>
public sealed record TenantListQuery(string? PoolId, TenantStatus? Status, IReadOnlyList<string>? TenantScope, string? After, int Limit);

/// <summary>A tenant's assignment and its latest sync run, if any.</summary>
public sealed record TenantListRow(TenantRecord Tenant, SyncRunRecord? LastSync);
