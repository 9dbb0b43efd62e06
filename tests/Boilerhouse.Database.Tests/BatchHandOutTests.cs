using Boilerhouse.Database.Tests.Infrastructure;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;
using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Database.Tests;

/// <summary>
/// Hand-outs written in batches (the claim line serving many claims at once) keep the fence: two
/// activations of one pool, each sure the same 20 containers are warm, write overlapping batches
/// at once; the database still gives each container to one tenant and each tenant one container.
/// </summary>
public sealed class BatchHandOutTests
{
    private const string PoolId = "batch";
    private const int Containers = 20;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_activations_writing_batches_at_once_never_hand_a_container_or_a_tenant_out_twice(DatabaseProvider provider)
    {
        // Given 20 warm containers recorded
        await using var database = await TestDatabase.CreateAsync(provider);
        var names = Enumerable.Range(0, Containers).Select(i => $"batch-{i:D2}").ToList();
        var seed = new PoolStore(database.Factory, PoolId, "w");
        foreach (var name in names)
        {
            await seed.SaveAsync(Warm(name));
        }

        // When each activation hands all 20 out in batches of 5 at once: the first gives container i to
        // tenant i, the second (from the other end) gives it to tenant i+1, each under its own claim instances
        var first = new PoolStore(database.Factory, PoolId, "w");
        var second = new PoolStore(database.Factory, PoolId, "w");
        using var start = new ManualResetEventSlim();
        var runs = new[]
        {
            Task.Run(() => HandOutInBatchesAsync(first, names, i => $"tenant-{i:D2}", "first", start)),
            Task.Run(() => HandOutInBatchesAsync(second, [.. names.AsEnumerable().Reverse()], i => $"tenant-{(i + 1) % Containers:D2}", "second", start)),
        };
        start.Set();
        var results = (await Task.WhenAll(runs)).SelectMany(r => r).ToList();

        // Then every container went to one tenant, no tenant holds two, and the database agrees with what was said
        var taken = results.Where(r => r.Outcome == HandOut.Taken).ToList();
        Assert.True(taken.Count >= Containers / 2, $"only {taken.Count} hand-outs held");
        Assert.Equal(taken.Count, taken.Select(r => r.Container).Distinct().Count());
        Assert.Equal(taken.Count, taken.Select(r => r.Tenant).Distinct().Count());
        await using var db = await database.Factory.CreateDbContextAsync();
        var rows = await db.Containers.AsNoTracking().Where(c => c.PoolId == PoolId).ToListAsync();
        var claimed = rows.Where(r => r.Status == ContainerStatus.Claimed).ToList();
        Assert.Equal(claimed.Count, claimed.Select(r => r.TenantId).Distinct().Count());
        Assert.Equal(taken.ToDictionary(r => r.Container, r => r.Tenant), claimed.ToDictionary(r => r.Name, r => r.TenantId!));
        // a container neither could give (both its tenants held another) is still warm, free for the next claim
        Assert.All(rows.Except(claimed), r => Assert.Equal(ContainerStatus.Warm, r.Status));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_batch_with_one_refused_hand_out_settles_the_others_one_by_one(DatabaseProvider provider)
    {
        // Given three warm containers, the middle one already claimed through another activation
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = new PoolStore(database.Factory, PoolId, "w");
        foreach (var name in new[] { "one", "two", "three" })
        {
            await store.SaveAsync(Warm(name));
        }

        Assert.Equal(HandOut.Taken, await new PoolStore(database.Factory, PoolId, "w").TryClaimAsync(Taken("two", "elsewhere", "claim-x"), CancellationToken.None));

        // When a batch hands out all three
        var outcomes = await store.TryClaimAllAsync([Taken("one", "a", "claim-a"), Taken("two", "b", "claim-b"), Taken("three", "c", "claim-c")], CancellationToken.None);

        // Then the free ones are taken and the other refused
        Assert.Equal([HandOut.Taken, HandOut.AlreadyTaken, HandOut.Taken], outcomes);
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Equal("elsewhere", (await db.Containers.AsNoTracking().SingleAsync(c => c.Name == "two")).TenantId);
    }

    private static async Task<List<(string Container, string Tenant, HandOut Outcome)>> HandOutInBatchesAsync(
        PoolStore store, IReadOnlyList<string> names, Func<int, string> tenantOf, string activation, ManualResetEventSlim start)
    {
        start.Wait();
        var results = new List<(string, string, HandOut)>();
        foreach (var chunk in names.Chunk(5))
        {
            var members = chunk.Select(name => tenantOf(int.Parse(name[^2..])) is var tenant ? Taken(name, tenant, $"{activation}-{tenant}") : null!).ToList();
            var outcomes = await store.TryClaimAllAsync(members, CancellationToken.None);
            results.AddRange(members.Select((m, i) => (m.Name, m.TenantId!, outcomes[i])));
        }

        return results;
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
}
