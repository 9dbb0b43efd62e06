using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Tests.Orchestrations;

/// <summary>Checkpoints, replay and retries of activities, on a real SQLite database.</summary>
public sealed class OrchestrationContextTests : IAsyncLifetime
{
    private SqliteOrchestrations _db = null!;

    public async Task InitializeAsync() => _db = await SqliteOrchestrations.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Transient_failures_are_retried_and_every_attempt_is_recorded()
    {
        var calls = 0;
        var record = await CreateAsync();
        var flaky = Step.Of("Flaky", _ => ++calls < 3 ? throw new IOException("connection reset") : Task.FromResult(42));

        var outcome = await _db.Runner.RunAsync(new OrchestrationRun(record), (ctx, ct) => ctx.CallAsync(flaky, 0, ct));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, outcome.RuntimeStatus);
        Assert.Equal("42", outcome.OutputJson);
        var steps = (await _db.Store.GetAsync(record.InstanceId, true, CancellationToken.None))!.Steps;
        Assert.Equal([(1, StepOutcome.Failed), (2, StepOutcome.Failed), (3, StepOutcome.Succeeded)], steps.Select(s => (s.Attempt, s.Outcome)));
        Assert.All(steps, s => Assert.Equal(1, s.Sequence));
    }

    [Fact]
    public async Task Permanent_failure_is_not_retried_and_fails_the_instance_with_its_code()
    {
        var calls = 0;
        var record = await CreateAsync();

        var exhausted = Step.Of<int>("Exhausted", _ =>
        {
            calls++;
            throw new BoilerhouseException(ErrorCodes.PoolExhausted, "no room");
        });

        var outcome = await _db.Runner.RunAsync(new OrchestrationRun(record), (ctx, ct) => ctx.CallAsync(exhausted, 0, ct));

        Assert.Equal(1, calls);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, outcome.RuntimeStatus);
        Assert.Equal(ErrorCodes.PoolExhausted, outcome.ErrorCode);
    }

    [Fact]
    public async Task Activity_that_outlives_its_timeout_is_retried_then_fails()
    {
        var record = await CreateAsync();

        var hangs = Step.Of("Hangs", async t =>
        {
            await Task.Delay(Timeout.Infinite, t);
            return 0;
        });

        var outcome = await _db.Runner.RunAsync(new OrchestrationRun(record), (ctx, ct) => ctx.CallAsync(hangs, 0, ct));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, outcome.RuntimeStatus);
        var steps = (await _db.Store.GetAsync(record.InstanceId, true, CancellationToken.None))!.Steps;
        Assert.Equal(3, steps.Count);
        Assert.All(steps, s => Assert.Equal("timed out", s.Error));
    }

    [Fact]
    public async Task Resumed_instance_replays_checkpointed_steps_without_running_them_again()
    {
        var record = await CreateAsync();
        var firstRuns = 0;
        var secondRuns = 0;
        var one = Step.Of("One", _ => Task.FromResult(++firstRuns));
        var crashingTwo = Step.Of<int>("Two", _ => throw new InvalidOperationException("crash"));
        var two = Step.Of("Two", _ => Task.FromResult(++secondRuns * 10));
        // The first run checkpoints step 1 and then "crashes" in step 2.
        await _db.Runner.RunAsync(new OrchestrationRun(record), async (ctx, ct) =>
        {
            await ctx.CallAsync(one, 0, ct);
            return await ctx.CallAsync(crashingTwo, 0, ct);
        });
        var resumed = (await _db.Store.GetAsync(record.InstanceId, true, CancellationToken.None))!;

        var outcome = await _db.Runner.RunAsync(new OrchestrationRun(resumed), async (ctx, ct) =>
            await ctx.CallAsync(one, 0, ct) + await ctx.CallAsync(two, 0, ct));

        Assert.Equal(1, firstRuns);
        Assert.Equal(1, secondRuns);
        Assert.Equal("11", outcome.OutputJson);
        var steps = (await _db.Store.GetAsync(record.InstanceId, true, CancellationToken.None))!.Steps.OrderBy(s => s.Sequence).ThenBy(s => s.Attempt);
        Assert.Equal([("One", 1, StepOutcome.Succeeded), ("Two", 1, StepOutcome.Failed), ("Two", 2, StepOutcome.Succeeded)],
            steps.Select(s => (s.Name, s.Attempt, s.Outcome)));
    }

    [Fact]
    public async Task Termination_ends_the_instance_as_terminated_with_its_reason()
    {
        var record = await CreateAsync();
        using var terminate = new CancellationTokenSource();

        var waits = Step.Of("Waits", async t =>
        {
            await Task.Delay(Timeout.Infinite, t);
            return 0;
        });

        var run = _db.Runner.RunAsync(new OrchestrationRun(record) { Terminate = terminate.Token, TerminationReason = () => "operator said so" },
            (ctx, ct) => ctx.CallAsync(waits, 0, ct));
        await terminate.CancelAsync();
        var outcome = await run;

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, outcome.RuntimeStatus);
        Assert.Equal("operator said so", outcome.ErrorMessage);
    }

    private Task<OrchestrationRecord> CreateAsync() => _db.CreateAsync();
}
