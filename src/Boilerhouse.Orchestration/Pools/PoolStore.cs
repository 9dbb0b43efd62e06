using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>All the database access of one pool: its container records and the containers its tenants hold.</summary>
internal sealed class PoolStore(IDbContextFactory<BoilerhouseDb> dbFactory, string poolId, string workloadId)
{
    // One activation's record writes go one at a time: a hand-out served between the grain's turns
    // (the claim line) never races the grain's own write of the same container's record.
    private readonly SemaphoreSlim _writes = new(1, 1);

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

    /// <summary>
    /// Records <paramref name="member"/>'s hand-out to its tenant only if the database still has the
    /// container warm ("take if still free"), so a stale second activation of this pool cannot hand
    /// it out again; the unique index on claimed tenants keeps a tenant to one container. The claim
    /// instance that took it may take it again (a resumed claim).
    /// </summary>
    public Task<HandOut> TryClaimAsync(PoolMember member, CancellationToken cancellationToken) =>
        OneAtATimeAsync(() => ClaimOneAsync(member, cancellationToken), cancellationToken);

    /// <summary>
    /// Records many hand-outs in one transaction, each behind the same "take if still free" fence as
    /// <see cref="TryClaimAsync"/>; when any of them is refused (or needs its record inserted), the
    /// transaction is rolled back and each is settled on its own. Outcomes are in the members' order.
    /// </summary>
    public Task<IReadOnlyList<HandOut>> TryClaimAllAsync(IReadOnlyList<PoolMember> members, CancellationToken cancellationToken) =>
        OneAtATimeAsync(async () =>
        {
            if (members.Count > 1 && await TryClaimTogetherAsync(members, cancellationToken))
            {
                return (IReadOnlyList<HandOut>)[.. members.Select(_ => HandOut.Taken)];
            }

            var outcomes = new List<HandOut>(members.Count);
            foreach (var member in members)
            {
                outcomes.Add(await ClaimOneAsync(member, cancellationToken));
            }

            return outcomes;
        }, cancellationToken);

    /// <summary>True when every hand-out held and was committed together; false (nothing written) when any needs settling alone.</summary>
    private async Task<bool> TryClaimTogetherAsync(IReadOnlyList<PoolMember> members, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WriteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                // Rows locked in one order by every batch, so two activations' batches wait for each other rather than deadlock.
                foreach (var member in members.OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    if (await FenceUpdateAsync(db, member, cancellationToken) != 1)
                    {
                        await transaction.RollbackAsync(cancellationToken);
                        return false;
                    }
                }

                await transaction.CommitAsync(cancellationToken);
                return true;
            }
            catch (Exception ex) when (UniqueViolation.Is(ex) || WriteConflict.Is(ex))
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }, cancellationToken);
    }

    /// <summary>The fence: claims the container only if the database still has it warm, or already has it with this very claim.</summary>
    private static Task<int> FenceUpdateAsync(BoilerhouseDb db, PoolMember member, CancellationToken cancellationToken)
    {
        var tenantId = member.TenantId ?? throw new ArgumentException("the member is not taken by a tenant", nameof(member));
        var instanceId = member.ClaimInstanceId;
        return db.Containers
            .Where(c => c.Name == member.Name
                && (c.Status == ContainerStatus.Warm || (c.Status == ContainerStatus.Claimed && c.TenantId == tenantId && c.ClaimInstanceId == instanceId)))
            .ExecuteUpdateAsync(u => u
                .SetProperty(c => c.Status, ContainerStatus.Claimed)
                .SetProperty(c => c.TenantId, tenantId)
                .SetProperty(c => c.ClaimInstanceId, instanceId)
                .SetProperty(c => c.ClaimedAt, member.ClaimedAt), cancellationToken);
    }

    private async Task<T> OneAtATimeAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task<HandOut> ClaimOneAsync(PoolMember member, CancellationToken cancellationToken)
    {
        var tenantId = member.TenantId ?? throw new ArgumentException("the member is not taken by a tenant", nameof(member));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            var updated = await db.WriteAsync(() => FenceUpdateAsync(db, member, cancellationToken), cancellationToken);
            if (updated == 1)
            {
                return HandOut.Taken;
            }

            if (await db.Containers.AnyAsync(c => c.Name == member.Name, cancellationToken))
            {
                return HandOut.AlreadyTaken;
            }

            // Warm but never recorded (adopted from Docker): inserting it claimed wins or loses on its key.
            db.Containers.Add(ToRecord(member));
            await db.SaveChangesAsync(cancellationToken);
            return HandOut.Taken;
        }
        catch (Exception ex) when (UniqueViolation.Is(ex))
        {
            await using var check = await dbFactory.CreateDbContextAsync(cancellationToken);
            var holdsAnother = await check.Containers.AnyAsync(
                c => c.TenantId == tenantId && c.Status == ContainerStatus.Claimed && c.Name != member.Name, cancellationToken);
            return holdsAnother ? HandOut.TenantHoldsAnother : HandOut.AlreadyTaken;
        }
    }

    public Task SaveAsync(PoolMember member) => OneAtATimeAsync(async () =>
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var record = await db.Containers.FindAsync(member.Name);
        if (record is null)
        {
            db.Containers.Add(ToRecord(member));
        }
        else
        {
            Copy(member, record);
        }

        return await db.SaveChangesAsync();
    }, CancellationToken.None);

    private ContainerRecord ToRecord(PoolMember member)
    {
        var record = new ContainerRecord
        {
            Name = member.Name,
            PoolId = poolId,
            WorkloadId = workloadId,
            HostId = member.HostId ?? "",
            CreatedAt = member.CreatedAt,
        };
        Copy(member, record);
        return record;
    }

    private static void Copy(PoolMember member, ContainerRecord record)
    {
        record.ContainerId = member.ContainerId;
        record.HostId = member.HostId ?? record.HostId;
        record.Status = member.Status;
        record.TenantId = member.TenantId;
        record.ClaimInstanceId = member.ClaimInstanceId;
        record.ReadyAt = member.ReadyAt;
        record.ClaimedAt = member.ClaimedAt;
        record.EndpointsJson = PoolEndpoints.Format(member.Endpoints);
    }

    public Task DeleteAsync(string containerName) => DeleteAsync([containerName], CancellationToken.None);

    public async Task DeleteAsync(IReadOnlyCollection<string> containerNames, CancellationToken cancellationToken)
    {
        if (containerNames.Count == 0)
        {
            return;
        }

        string[] names = [.. containerNames];
        await OneAtATimeAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.WriteAsync(() => db.Containers.Where(c => names.Contains(c.Name)).ExecuteDeleteAsync(cancellationToken), cancellationToken);
        }, cancellationToken);
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
