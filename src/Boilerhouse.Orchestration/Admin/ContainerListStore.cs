using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Admin;

/// <summary>The containers of this installation as their pools last recorded them, a page at a time in name order.</summary>
public sealed class ContainerListStore(IDbContextFactory<BoilerhouseDb> dbFactory)
{
    public async Task<IReadOnlyList<ContainerRecord>> ListAsync(ContainerListQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var containers = db.Containers.AsNoTracking();
        if (query.PoolId is { } poolId)
        {
            containers = containers.Where(c => c.PoolId == poolId);
        }

        if (query.HostId is { } hostId)
        {
            containers = containers.Where(c => c.HostId == hostId);
        }

        if (query.Status is { } status)
        {
            containers = containers.Where(c => c.Status == status);
        }

        if (query.TenantId is { } tenantId)
        {
            containers = containers.Where(c => c.TenantId == tenantId);
        }

        if (query.After is { } after)
        {
            containers = containers.Where(c => string.Compare(c.Name, after) > 0);
        }

        return await containers.OrderBy(c => c.Name).Take(query.Limit).ToListAsync(cancellationToken);
    }

    /// <summary>The record of a container by its name or Docker id (full, or a prefix of at least 12 digits as docker prints it).</summary>
    public async Task<ContainerRecord?> FindAsync(string idOrName, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var exact = await db.Containers.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Name == idOrName || c.ContainerId == idOrName, cancellationToken);
        if (exact is not null || idOrName.Length < 12)
        {
            return exact;
        }

        return await db.Containers.AsNoTracking()
            .Where(c => c.ContainerId != null && c.ContainerId.StartsWith(idOrName))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The tenant whose assignment names this container (by name or Docker id), whatever its status.</summary>
    public async Task<TenantRecord?> FindHolderAsync(string name, string? containerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tenants.AsNoTracking()
            .FirstOrDefaultAsync(t => t.ContainerName == name || (containerId != null && t.ContainerId == containerId), cancellationToken);
    }
}

/// <summary>Filters and page of the containers list.</summary>
public sealed record ContainerListQuery(string? PoolId, string? HostId, ContainerStatus? Status, string? TenantId, string? After, int Limit);
