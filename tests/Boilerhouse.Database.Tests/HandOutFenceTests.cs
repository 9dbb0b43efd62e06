using System.Collections.Concurrent;
using Boilerhouse.Database.Tests.Infrastructure;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;
using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Database.Tests;

/// <summary>
/// No double hand-out, whatever the grains believe: two activations of one pool (as Orleans may
/// briefly have while membership changes), each sure the same containers are warm, hand out at once
/// on one database; the database lets each container go to one tenant, and each tenant get one container.
/// </summary>
public sealed class HandOutFenceTests
{
    private const string PoolId = "race";
    private const int Containers = 20;
    private const int Claims = 40;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_activations_racing_never_hand_a_container_out_twice(DatabaseProvider provider)
    {
        // Given 20 warm containers recorded, and two activations that each believe all 20 are theirs to give
        await using var database = await TestDatabase.CreateAsync(provider);
        var names = Enumerable.Range(0, Containers).Select(i => $"race-{i:D2}").ToList();
        var seed = new PoolStore(database.Factory, PoolId, "w");
        foreach (var name in names)
        {
            await seed.SaveAsync(Warm(name));
        }

        var activations = new[] { new Activation(database.Factory, names), new Activation(database.Factory, names) };

        // When 40 tenants claim at once, half through each activation
        using var start = new ManualResetEventSlim();
        var claims = Enumerable.Range(0, Claims)
            .Select(i => Task.Run(async () =>
            {
                start.Wait();
                return (Tenant: $"tenant-{i:D2}", Container: await activations[i % 2].ClaimAsync($"tenant-{i:D2}"));
            }))
            .ToList();
        start.Set();
        var results = await Task.WhenAll(claims);

        // Then every container went to exactly one tenant, and the database agrees
        var handed = results.Where(r => r.Container is not null).ToList();
        Assert.Equal(Containers, handed.Count);
        Assert.Equal(Containers, handed.Select(r => r.Container).Distinct().Count());
        Assert.Equal(Containers, handed.Select(r => r.Tenant).Distinct().Count());
        Assert.True(activations.Sum(a => a.Refused) >= Containers, "the activations' second hand-outs of the same containers were refused");
        await using var db = await database.Factory.CreateDbContextAsync();
        var rows = await db.Containers.AsNoTracking().Where(c => c.PoolId == PoolId).ToListAsync();
        Assert.All(rows, r => Assert.Equal(ContainerStatus.Claimed, r.Status));
        Assert.Equal(handed.ToDictionary(r => r.Container!, r => r.Tenant), rows.ToDictionary(r => r.Name, r => r.TenantId!));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_tenant_claiming_through_two_activations_gets_one_container(DatabaseProvider provider)
    {
        // Given two warm containers, and the same tenant's claim running in two activations at once
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = new PoolStore(database.Factory, PoolId, "w");
        await store.SaveAsync(Warm("one"));
        await store.SaveAsync(Warm("two"));
        var first = new PoolStore(database.Factory, PoolId, "w");
        var second = new PoolStore(database.Factory, PoolId, "w");

        // When each activation hands a different container to the tenant
        var outcomes = await Task.WhenAll(
            Task.Run(() => first.TryClaimAsync(Taken("one", "acme", "claim-1"), CancellationToken.None)),
            Task.Run(() => second.TryClaimAsync(Taken("two", "acme", "claim-2"), CancellationToken.None)));

        // Then one hand-out holds and the other is refused: the tenant holds one container
        Assert.Single(outcomes, o => o == HandOut.Taken);
        Assert.Single(outcomes, o => o == HandOut.TenantHoldsAnother);
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Equal(1, await db.Containers.CountAsync(c => c.TenantId == "acme" && c.Status == ContainerStatus.Claimed));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_resumed_claim_takes_its_own_container_again_and_no_other_claim_can(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = new PoolStore(database.Factory, PoolId, "w");
        await store.SaveAsync(Warm("box"));
        Assert.Equal(HandOut.Taken, await store.TryClaimAsync(Taken("box", "acme", "claim-1"), CancellationToken.None));

        // The same claim instance (resumed after a crash) gets it again; another tenant's claim does not
        Assert.Equal(HandOut.Taken, await store.TryClaimAsync(Taken("box", "acme", "claim-1"), CancellationToken.None));
        Assert.Equal(HandOut.AlreadyTaken, await store.TryClaimAsync(Taken("box", "other", "claim-2"), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_warm_container_never_recorded_is_handed_out_once(DatabaseProvider provider)
    {
        // An adopted warm container without a record: both activations insert it claimed; the key lets one win
        await using var database = await TestDatabase.CreateAsync(provider);
        var first = new PoolStore(database.Factory, PoolId, "w");
        var second = new PoolStore(database.Factory, PoolId, "w");
        var outcomes = await Task.WhenAll(
            Task.Run(() => first.TryClaimAsync(Taken("adopted", "a", "claim-a"), CancellationToken.None)),
            Task.Run(() => second.TryClaimAsync(Taken("adopted", "b", "claim-b"), CancellationToken.None)));
        Assert.Single(outcomes, o => o == HandOut.Taken);
        Assert.Single(outcomes, o => o == HandOut.AlreadyTaken);
    }

    private static PoolMember Warm(string name) => new(name, DateTimeOffset.UtcNow)
    {
        ContainerId = $"id-{name}",
        HostId = "local",
        Status = ContainerStatus.Warm,
        ReadyAt = DateTimeOffset.UtcNow,
    };

    private static PoolMember Taken(string name, string tenantId, string instanceId)
    {
        var member = Warm(name);
        member.Status = ContainerStatus.Claimed;
        member.TenantId = tenantId;
        member.ClaimInstanceId = instanceId;
        member.ClaimedAt = DateTimeOffset.UtcNow;
        return member;
    }

    /// <summary>One activation's view: its own warm list (the same containers as the other's) and its own store.</summary>
    private sealed class Activation(IDbContextFactory<BoilerhouseDb> factory, IEnumerable<string> warm)
    {
        private readonly PoolStore _store = new(factory, PoolId, "w");
        private readonly ConcurrentQueue<string> _warm = new(warm);
        private int _refused;

        public int Refused => _refused;

        /// <summary>Hands the next warm container to the tenant, as the pool grain's take does; null when none is left.</summary>
        public async Task<string?> ClaimAsync(string tenantId)
        {
            while (_warm.TryDequeue(out var name))
            {
                if (await _store.TryClaimAsync(Taken(name, tenantId, $"claim-{tenantId}"), CancellationToken.None) == HandOut.Taken)
                {
                    return name;
                }

                Interlocked.Increment(ref _refused);
            }

            return null;
        }
    }
}
