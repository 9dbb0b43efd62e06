using System.Diagnostics.Metrics;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Tests.Orchestrations;

/// <summary>A store and runner on a real SQLite file of a test's own, with fast retries.</summary>
internal sealed class SqliteOrchestrations : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bh-ctx-").FullName;

    private SqliteOrchestrations()
    {
    }

    public OrchestrationStore Store { get; private set; } = null!;

    public OrchestrationRunner Runner { get; private set; } = null!;

    public static async Task<SqliteOrchestrations> CreateAsync()
    {
        var db = new SqliteOrchestrations();
        var options = DatabaseOptions.For(DatabaseSettings.Sqlite(Path.Combine(db._dir, "t.db")));
        var factory = new PooledDbContextFactory<BoilerhouseDb>(options);
        await new DatabaseInitializer(factory).InitializeAsync(CancellationToken.None);
        var orchestration = Options.Create(new OrchestrationOptions
        {
            MaxAttempts = 3,
            FirstRetryInterval = TimeSpan.FromMilliseconds(1),
            MaxRetryInterval = TimeSpan.FromMilliseconds(5),
            ActivityTimeout = TimeSpan.FromMilliseconds(300),
        });
        db.Store = new OrchestrationStore(factory, TimeProvider.System);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var metrics = new BoilerhouseMetrics(meters, new PoolCensus(), new RecentCounts(TimeProvider.System));
        db.Runner = new OrchestrationRunner(
            db.Store, orchestration, NoCheckpointObserver.Instance, metrics, Boilerhouse.Orchestration.Events.NoEvents.Instance, TimeProvider.System, NullLogger<OrchestrationRunner>.Instance);
        return db;
    }

    public async Task<OrchestrationRecord> CreateAsync(string name = "test")
    {
        var (record, created) = await Runner.CreateAsync(new OrchestrationStart(InstanceIds.New(), name, "t", "p", "{}"), CancellationToken.None);
        Assert.True(created);
        return record;
    }

    /// <summary>The instance as a restart finds it: with its whole history.</summary>
    public async Task<OrchestrationRecord> ReloadAsync(string instanceId) =>
        (await Store.GetAsync(instanceId, true, CancellationToken.None))!;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return ValueTask.CompletedTask;
    }
}
