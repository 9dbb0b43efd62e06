using System.Data.Common;
using Boilerhouse.Database.Tests.Infrastructure;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Boilerhouse.Database.Tests;

/// <summary>Checkpoints of concurrent instances share transactions, on SQLite and PostgreSQL, and none is lost or mixed up.</summary>
public sealed class GroupCommitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_checkpoints_are_all_stored_in_fewer_transactions_than_writes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var commits = new CommitCounter();
        var store = new OrchestrationStore(CountingFactory(database, commits), TimeProvider.System);
        const int instances = 40;
        const int stepsEach = 5;
        await Task.WhenAll(Enumerable.Range(0, instances).Select(i => store.CreateAsync(Instance($"checkpoints-{i}"), CancellationToken.None)));
        var before = commits.Count;

        // Every instance appends its steps one after another, all instances at once, as concurrent claims do.
        await Task.WhenAll(Enumerable.Range(0, instances).Select(async i =>
        {
            for (var s = 1; s <= stepsEach; s++)
            {
                await store.AppendStepAsync(Step($"checkpoints-{i}", s, $"{{\"i\":{i},\"s\":{s}}}"), $"step {s} done", CancellationToken.None);
            }
        }));

        Assert.True(commits.Count - before < instances * stepsEach / 2, $"{commits.Count - before} transactions for {instances * stepsEach} checkpoints");
        for (var i = 0; i < instances; i++)
        {
            var stored = (await store.GetAsync($"checkpoints-{i}", withSteps: true, CancellationToken.None))!;
            Assert.Equal("step 5 done", stored.CustomStatus);
            Assert.Equal(T0.AddSeconds(stepsEach), stored.LastUpdatedTime);
            Assert.Equal(Enumerable.Range(1, stepsEach).Select(s => $"{{\"i\":{i},\"s\":{s}}}"), stored.Steps.Select(s => s.OutputJson));
            Assert.Equal("claim", stored.Name);
            Assert.Equal("{\"secret\":\"[redacted]\"}", stored.InputJson);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_duplicate_instance_in_a_batch_fails_only_itself(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = new OrchestrationStore(database.Factory, TimeProvider.System);
        await store.CreateAsync(Instance("dup-existing"), CancellationToken.None);

        var starts = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => store.CreateAsync(Instance(i == 7 ? "dup-existing" : $"dup-{i}", tenant: i == 7 ? "intruder" : "acme"), CancellationToken.None)));

        Assert.Equal(19, starts.Count(s => s.Created));
        var repeated = Assert.Single(starts, s => !s.Created);
        Assert.Equal("acme", repeated.Record.TenantId);
        var stored = await store.GetAsync("dup-existing", withSteps: false, CancellationToken.None);
        Assert.Equal("acme", stored!.TenantId);
        foreach (var i in Enumerable.Range(0, 20).Where(i => i != 7))
        {
            Assert.Equal("acme", (await store.GetAsync($"dup-{i}", withSteps: false, CancellationToken.None))?.TenantId);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Finish_sets_every_column_even_to_null(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var store = new OrchestrationStore(database.Factory, TimeProvider.System);
        await store.CreateAsync(Instance("finish-1"), CancellationToken.None);
        await store.FinishAsync("finish-1", OrchestrationRuntimeStatus.Failed, null, "BOOM", "it broke", CancellationToken.None);

        // A later finish (e.g. of a resumed run) overwrites the error with nothing.
        await store.FinishAsync("finish-1", OrchestrationRuntimeStatus.Completed, "{}", null, null, CancellationToken.None);

        var stored = (await store.GetAsync("finish-1", withSteps: false, CancellationToken.None))!;
        Assert.Equal((OrchestrationRuntimeStatus.Completed, "{}", null, null, "Completed"),
            (stored.RuntimeStatus, stored.OutputJson, stored.ErrorCode, stored.ErrorMessage, stored.CustomStatus));
    }

    private static OrchestrationRecord Instance(string id, string tenant = "acme") => new()
    {
        InstanceId = id, Name = "claim", TenantId = tenant, PoolId = "p", InputJson = "{\"secret\":\"[redacted]\"}",
        RuntimeStatus = OrchestrationRuntimeStatus.Pending, CustomStatus = "Pending", CreatedTime = T0, LastUpdatedTime = T0,
    };

    private static OrchestrationStepRecord Step(string instanceId, int sequence, string output) => new()
    {
        InstanceId = instanceId, Sequence = sequence, Name = $"Step{sequence}", Attempt = 1,
        StartedAt = T0.AddSeconds(sequence - 1), EndedAt = T0.AddSeconds(sequence), OutputJson = output,
    };

    private static PooledDbContextFactory<BoilerhouseDb> CountingFactory(TestDatabase database, CommitCounter commits) =>
        new(new DbContextOptionsBuilder<BoilerhouseDb>(DatabaseOptions.For(database.Settings)).AddInterceptors(commits).Options);

    private sealed class CommitCounter : DbTransactionInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }
}
