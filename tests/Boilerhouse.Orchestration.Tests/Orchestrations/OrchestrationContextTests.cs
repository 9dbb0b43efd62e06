using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Tests.Orchestrations;

/// <summary>Checkpoints, replay and retries of activities, on a real SQLite database.</summary>
public sealed class OrchestrationContextTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bh-ctx-").FullName;
    private OrchestrationStore _store = null!;
    private OrchestrationRunner _runner = null!;

    public async Task InitializeAsync()
    {
        var options = new DbContextOptionsBuilder<BoilerhouseDb>().UseSqlite($"Data Source={Path.Combine(_dir, "t.db")}").Options;
        var factory = new PooledDbContextFactory<BoilerhouseDb>(options);
        await new DatabaseInitializer(factory).InitializeAsync(CancellationToken.None);
        var orchestration = Options.Create(new OrchestrationOptions
        {
            MaxAttempts = 3,
            FirstRetryInterval = TimeSpan.FromMilliseconds(1),
            MaxRetryInterval = TimeSpan.FromMilliseconds(5),
            ActivityTimeout = TimeSpan.FromMilliseconds(300),
        });
        _store = new OrchestrationStore(factory, TimeProvider.System);
        _runner = new OrchestrationRunner(_store, orchestration, new CrashPoint(orchestration), TimeProvider.System, NullLogger<OrchestrationRunner>.Instance);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Transient_failures_are_retried_and_every_attempt_is_recorded()
    {
        var calls = 0;
        var record = await CreateAsync();

        var outcome = await _runner.RunAsync(record, (ctx, ct) => ctx.CallActivityAsync("Flaky", _ =>
            ++calls < 3 ? throw new IOException("connection reset") : Task.FromResult(42), ct), () => "", CancellationToken.None);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, outcome.RuntimeStatus);
        Assert.Equal("42", outcome.OutputJson);
        var steps = (await _store.GetAsync(record.InstanceId, true, CancellationToken.None))!.Steps;
        Assert.Equal([(1, StepOutcome.Failed), (2, StepOutcome.Failed), (3, StepOutcome.Succeeded)], steps.Select(s => (s.Attempt, s.Outcome)));
        Assert.All(steps, s => Assert.Equal(1, s.Sequence));
    }

    [Fact]
    public async Task Permanent_failure_is_not_retried_and_fails_the_instance_with_its_code()
    {
        var calls = 0;
        var record = await CreateAsync();

        var outcome = await _runner.RunAsync<int>(record, (ctx, ct) => ctx.CallActivityAsync<int>("Exhausted", _ =>
        {
            calls++;
            throw new BoilerhouseException(ErrorCodes.PoolExhausted, "no room");
        }, ct), () => "", CancellationToken.None);

        Assert.Equal(1, calls);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, outcome.RuntimeStatus);
        Assert.Equal(ErrorCodes.PoolExhausted, outcome.ErrorCode);
    }

    [Fact]
    public async Task Activity_that_outlives_its_timeout_is_retried_then_fails()
    {
        var record = await CreateAsync();

        var outcome = await _runner.RunAsync(record, (ctx, ct) => ctx.CallActivityAsync("Hangs", async t =>
        {
            await Task.Delay(Timeout.Infinite, t);
            return 0;
        }, ct), () => "", CancellationToken.None);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, outcome.RuntimeStatus);
        var steps = (await _store.GetAsync(record.InstanceId, true, CancellationToken.None))!.Steps;
        Assert.Equal(3, steps.Count);
        Assert.All(steps, s => Assert.Equal("timed out", s.Error));
    }

    [Fact]
    public async Task Resumed_instance_replays_checkpointed_steps_without_running_them_again()
    {
        var record = await CreateAsync();
        var firstRuns = 0;
        var secondRuns = 0;
        // The first run checkpoints step 1 and then "crashes" in step 2.
        await _runner.RunAsync(record, async (ctx, ct) =>
        {
            await ctx.CallActivityAsync("One", _ => Task.FromResult(++firstRuns), ct);
            return await ctx.CallActivityAsync<int>("Two", _ => throw new InvalidOperationException("crash"), ct);
        }, () => "", CancellationToken.None);
        var resumed = (await _store.GetAsync(record.InstanceId, true, CancellationToken.None))!;

        var outcome = await _runner.RunAsync(resumed, async (ctx, ct) =>
        {
            var one = await ctx.CallActivityAsync("One", _ => Task.FromResult(++firstRuns), ct);
            var two = await ctx.CallActivityAsync("Two", _ => Task.FromResult(++secondRuns * 10), ct);
            return one + two;
        }, () => "", CancellationToken.None);

        Assert.Equal(1, firstRuns);
        Assert.Equal(1, secondRuns);
        Assert.Equal("11", outcome.OutputJson);
        var steps = (await _store.GetAsync(record.InstanceId, true, CancellationToken.None))!.Steps.OrderBy(s => s.Sequence).ThenBy(s => s.Attempt);
        Assert.Equal([("One", 1, StepOutcome.Succeeded), ("Two", 1, StepOutcome.Failed), ("Two", 2, StepOutcome.Succeeded)],
            steps.Select(s => (s.Name, s.Attempt, s.Outcome)));
    }

    [Fact]
    public async Task Termination_ends_the_instance_as_terminated_with_its_reason()
    {
        var record = await CreateAsync();
        using var terminate = new CancellationTokenSource();

        var run = _runner.RunAsync(record, (ctx, ct) => ctx.CallActivityAsync("Waits", async t =>
        {
            await Task.Delay(Timeout.Infinite, t);
            return 0;
        }, ct), () => "operator said so", terminate.Token);
        await terminate.CancelAsync();
        var outcome = await run;

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, outcome.RuntimeStatus);
        Assert.Equal("operator said so", outcome.ErrorMessage);
    }

    private async Task<OrchestrationRecord> CreateAsync()
    {
        var (record, created) = await _runner.CreateAsync(new OrchestrationStart(InstanceIds.New(), "test", "t", "p", "{}"), CancellationToken.None);
        Assert.True(created);
        return record;
    }
}
