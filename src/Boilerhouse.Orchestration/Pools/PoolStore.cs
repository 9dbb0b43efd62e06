using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>All the database access of one pool: its container records and the containers its tenants hold.</summary>
internal sealed class PoolStore(IDbContextFactory<BoilerhouseDb> dbFactory, string poolId, string workloadId)
{
    /// <summary>
    /// Containers handed out stay with their tenants across restarts: those recorded as claimed, and
    /// those of a tenant assignment without such a record (a claim that has not recorded one yet
    /// resumes and finishes or compensates).
    /// </summary>
    public async Task<IReadOnlyList<PoolMember>> LoadClaimedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.Containers.AsNoTracking()
            .Where(c => c.PoolId == poolId && c.Status == ContainerStatus.Claimed).ToListAsync(cancellationToken);
        var members = claimed.Select(FromRecord).ToDictionary(m => m.Name, StringComparer.Ordinal);
        foreach (var tenant in await ClaimedTenantsAsync(db, cancellationToken))
        {
            members.TryAdd(tenant.ContainerName, FromAssignment(tenant));
        }

        return [.. members.Values];
    }

    /// <summary>Each recorded container's status, by name.</summary>
    public async Task<IReadOnlyDictionary<string, ContainerStatus>> LoadStatusesAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Containers.AsNoTracking().Where(c => c.PoolId == poolId)
            .ToDictionaryAsync(c => c.Name, c => c.Status, StringComparer.Ordinal, cancellationToken);
    }

    public async Task SaveAsync(PoolMember member)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var record = await db.Containers.FindAsync(member.Name);
        if (record is null)
        {
            record = new ContainerRecord
            {
                Name = member.Name,
                PoolId = poolId,
                WorkloadId = workloadId,
                HostId = member.HostId ?? "",
                CreatedAt = member.CreatedAt,
            };
            db.Containers.Add(record);
        }

        record.ContainerId = member.ContainerId;
        record.HostId = member.HostId ?? record.HostId;
        record.Status = member.Status;
        record.TenantId = member.TenantId;
        record.ClaimInstanceId = member.ClaimInstanceId;
        record.ReadyAt = member.ReadyAt;
        record.ClaimedAt = member.ClaimedAt;
        record.EndpointsJson = PoolEndpoints.Format(member.Endpoints);
        await db.SaveChangesAsync();
    }

    public Task DeleteAsync(string containerName) => DeleteAsync([containerName], CancellationToken.None);

    public async Task DeleteAsync(IReadOnlyCollection<string> containerNames, CancellationToken cancellationToken)
    {
        if (containerNames.Count == 0)
        {
            return;
        }

        string[] names = [.. containerNames];
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.WriteAsync(() => db.Containers.Where(c => names.Contains(c.Name)).ExecuteDeleteAsync(cancellationToken), cancellationToken);
    }

    /// <summary>The tenant assignments of this pool.</summary>
    private Task<List<TenantRecord>> ClaimedTenantsAsync(BoilerhouseDb db, CancellationToken cancellationToken) =>
        db.Tenants.AsNoTracking().Where(t => t.PoolId == poolId).ToListAsync(cancellationToken);

    private static PoolMember FromRecord(ContainerRecord record) => new(record.Name, record.CreatedAt)
    {
        ContainerId = record.ContainerId,
        HostId = string.IsNullOrEmpty(record.HostId) ? null : record.HostId,
        Status = ContainerStatus.Claimed,
        TenantId = record.TenantId,
        ClaimInstanceId = record.ClaimInstanceId,
        ClaimedAt = record.ClaimedAt,
        ReadyAt = record.ReadyAt,
        Endpoints = PoolEndpoints.Parse(record.EndpointsJson),
    };

    private static PoolMember FromAssignment(TenantRecord tenant) => new(tenant.ContainerName, tenant.ClaimedAt)
    {
        ContainerId = tenant.ContainerId,
        Status = ContainerStatus.Claimed,
        TenantId = tenant.TenantId,
        ClaimInstanceId = tenant.LastInstanceId,
        ClaimedAt = tenant.ClaimedAt,
        Endpoints = PoolEndpoints.Parse(tenant.EndpointsJson),
    };
}
