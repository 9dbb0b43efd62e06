using Boilerhouse.Core.Errors;
using Boilerhouse.Database.Tests.Infrastructure;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Sync;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Database.Tests;

/// <summary>The stores behave the same on SQLite and PostgreSQL: each test runs on both.</summary>
public sealed class StoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Orchestration_and_its_steps_round_trip_and_leave_the_unfinished_list_when_finished(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = new OrchestrationStore(database.Factory, TimeProvider.System);
        var record = new OrchestrationRecord { InstanceId = "i-1", Name = "claim", TenantId = "acme", PoolId = "p", CreatedTime = T0, LastUpdatedTime = T0 };

        Assert.True((await store.CreateAsync(record, CancellationToken.None)).Created);
        Assert.False((await store.CreateAsync(record, CancellationToken.None)).Created);
        await store.MarkRunningAsync("i-1", CancellationToken.None);
        await store.AppendStepAsync(new OrchestrationStepRecord
        {
            InstanceId = "i-1", Sequence = 0, Name = "Take", Attempt = 1, StartedAt = T0, EndedAt = T0.AddSeconds(1), OutputJson = "{\"x\":1}",
        }, "Took", CancellationToken.None);
        Assert.Equal(["acme"], await store.GetTenantsWithUnfinishedAsync(CancellationToken.None));

        await store.FinishAsync("i-1", OrchestrationRuntimeStatus.Completed, "{}", null, null, CancellationToken.None);

        var loaded = await store.GetAsync("i-1", withSteps: true, CancellationToken.None);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, loaded!.RuntimeStatus);
        Assert.Equal("{\"x\":1}", Assert.Single(loaded.Steps).OutputJson);
        Assert.Equal(T0, loaded.CreatedTime);
        Assert.Empty(await store.GetTenantsWithUnfinishedAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Tenant_assignment_is_saved_marked_releasing_and_cleared(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = new TenantStore(database.Factory, TimeProvider.System);
        await store.SaveAsync(Assignment("acme", "c1"), CancellationToken.None);
        var later = Assignment("acme", "c1");
        later.LastActivityAt = T0.AddMinutes(1);
        await store.SaveAsync(later, CancellationToken.None);
        Assert.Equal("c1", Assert.Single(await store.ClaimedAsync(["p"], CancellationToken.None)).ContainerName);

        var target = await store.MarkReleasingAsync("acme", "release-1", CancellationToken.None);
        Assert.Equal(("p", "c1"), (target.PoolId, target.ContainerName));
        Assert.Equal(1, (await store.CountByStatusAsync(CancellationToken.None))[TenantStatus.Releasing]);

        await store.ClearAsync("acme", CancellationToken.None);
        Assert.Null(await store.LoadAsync("acme", CancellationToken.None));
        var missing = await Assert.ThrowsAsync<BoilerhouseException>(() => store.MarkReleasingAsync("acme", "release-2", CancellationToken.None));
        Assert.Equal(ErrorCodes.TenantNotFound, missing.Code);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Saving_an_assignment_to_another_tenants_container_fails_on_its_unique_index_and_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = new TenantStore(database.Factory, TimeProvider.System);
        await store.SaveAsync(Assignment("acme", "c1"), CancellationToken.None);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => store.SaveAsync(Assignment("globex", "c1"), CancellationToken.None));

        Assert.True(UniqueViolation.Is(error), error.ToString());
        Assert.Null(await store.LoadAsync("globex", CancellationToken.None));
        Assert.Equal("acme", Assert.Single(await store.ClaimedAsync(["p"], CancellationToken.None)).TenantId);
    }

    private static TenantRecord Assignment(string tenantId, string containerName) =>
        new() { TenantId = tenantId, PoolId = "p", ContainerName = containerName, ContainerId = "id-" + containerName, ClaimedAt = T0, LastActivityAt = T0 };

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Activity_entries_are_stored_once_and_read_newest_first(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = new ActivityStore(database.Factory);
        ActivityRecord Entry(long id, string tenant) => new() { Id = id, Time = T0.AddSeconds(id), Type = "container.claimed", TenantId = tenant, Sentence = $"event {id}" };

        // The same event written by two silos is kept once (insert-or-ignore in raw SQL, on both providers)
        await store.AddAsync([Entry(1, "acme"), Entry(2, "beta")], CancellationToken.None);
        await store.AddAsync([Entry(2, "beta"), Entry(3, "acme")], CancellationToken.None);

        var all = await store.QueryAsync(new ActivityQuery(null, null, null, null, null, null, null, 10), CancellationToken.None);
        Assert.Equal([3L, 2L, 1L], all.Select(e => e.Id));
        var scoped = await store.QueryAsync(new ActivityQuery(null, null, ["container.*"], ["ac*"], T0, null, null, 10), CancellationToken.None);
        Assert.Equal([3L, 1L], scoped.Select(e => e.Id));
        Assert.Equal(2, await store.DeleteOlderThanAsync(T0.AddSeconds(2.5), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Api_keys_are_found_by_hash_and_revocation_keeps_the_first_time(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = new ApiKeyStore(database.Factory);
        await store.AddAsync(new ApiKeyRecord { Id = "k1", Name = "ops", SecretHash = "abc", Prefix = "bh_", Role = "operator", CreatedAt = T0 }, CancellationToken.None);

        Assert.Equal("k1", (await store.FindByHashAsync("abc", CancellationToken.None))?.Id);
        Assert.True(await store.RevokeAsync("k1", T0.AddHours(1), CancellationToken.None));
        Assert.True(await store.RevokeAsync("k1", T0.AddHours(2), CancellationToken.None));
        Assert.Equal(T0.AddHours(1), (await store.GetAsync("k1", CancellationToken.None))!.RevokedAt);
        Assert.Null(await store.RotateAsync("k1", "def", "bh_", T0, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Audit_log_pages_newest_first(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = new AuditStore(database.Factory);
        for (var i = 0; i < 5; i++)
        {
            await store.AddAsync(new AuditRecord { Time = T0.AddSeconds(i), Action = "POST /api/v1/tenants/{tenantId}/claim", Target = $"/t/{i}", Status = 202 }, CancellationToken.None);
        }

        var first = await store.QueryAsync(new AuditQuery(null, "claim", null, null, null, 2), CancellationToken.None);
        var next = await store.QueryAsync(new AuditQuery(null, "claim", null, null, first[^1].Id, 2), CancellationToken.None);
        Assert.Equal(["/t/4", "/t/3", "/t/2", "/t/1"], first.Concat(next).Select(r => r.Target));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Audit_entries_added_at_once_are_all_stored_in_the_order_they_came(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = new AuditStore(database.Factory);

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            store.AddAsync(new AuditRecord { Time = T0.AddMilliseconds(i), Action = "POST /x", Target = $"/x/{i}", Status = 200 }, CancellationToken.None)));

        var stored = await store.QueryAsync(new AuditQuery(null, null, null, null, null, 200), CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 100).Reverse().Select(i => $"/x/{i}"), stored.Select(r => r.Target));
    }

    [Fact]
    public async Task Audit_query_waits_for_an_entry_begun_before_it_whose_answer_is_still_going_out()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var store = new AuditStore(database.Factory);
        var answerSent = new TaskCompletionSource();
        var adding = store.AddAfterAsync(() => answerSent.Task, () => new AuditRecord { Time = T0, Action = "POST /x", Target = "/x", Status = 200 });

        var query = store.QueryAsync(new AuditQuery(null, null, null, null, null, 10), CancellationToken.None);
        await Task.Delay(100);
        Assert.False(query.IsCompleted);

        answerSent.SetResult();
        await adding;
        Assert.Equal("/x", Assert.Single(await query).Target);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sync_runs_answer_the_last_start_per_tenant(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = new SyncRunStore(database.Factory);
        foreach (var (tenant, at) in new[] { ("acme", T0), ("acme", T0.AddMinutes(5)), ("beta", T0.AddMinutes(1)) })
        {
            await store.AddAsync(new SyncRunRecord
            {
                TenantId = tenant, PoolId = "p", Trigger = "periodic", Direction = "upload", StartedAt = at, FinishedAt = at.AddSeconds(1), Succeeded = true,
            }, CancellationToken.None);
        }

        var last = await store.LastStartedAsync(["acme", "beta", "none"], CancellationToken.None);
        Assert.Equal(T0.AddMinutes(5), last["acme"]);
        Assert.Equal(T0.AddMinutes(1), last["beta"]);
        Assert.False(last.ContainsKey("none"));
    }
}
