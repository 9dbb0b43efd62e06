using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Tests.Orchestrations;

/// <summary>
/// A step without effects (a decision) is not checkpointed on its own: its row is stored in the
/// same transaction as the instance's next write, and an instance interrupted before then decides again.
/// </summary>
public sealed class DeferredCheckpointTests : IAsyncLifetime
{
    private SqliteOrchestrations _db = null!;

    public async Task InitializeAsync() => _db = await SqliteOrchestrations.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Decision_is_stored_with_the_next_step_not_before()
    {
        var record = await _db.CreateAsync();
        var decide = Step.Deciding("Decide", 7);
        List<OrchestrationStepRecord>? seenByNext = null;
        var act = Step.Of("Act", async _ =>
        {
            seenByNext = (await _db.ReloadAsync(record.InstanceId)).Steps;
            return 1;
        });

        var outcome = await _db.Runner.RunAsync(new OrchestrationRun(record), async (ctx, ct) => await ctx.CallAsync(decide, 0, ct) + await ctx.CallAsync(act, 0, ct));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, outcome.RuntimeStatus);
        Assert.Empty(seenByNext!);
        var steps = (await _db.ReloadAsync(record.InstanceId)).Steps.OrderBy(s => s.Sequence).ToList();
        Assert.Equal([(1, "Decide", "7"), (2, "Act", "1")], steps.Select(s => (s.Sequence, s.Name, s.OutputJson)));
    }

    [Fact]
    public async Task Instance_interrupted_after_a_decision_decides_again_on_resume()
    {
        var record = await _db.CreateAsync();
        var decide = Step.Deciding("Decide", 7);
        OrchestrationRecord? atCrash = null;
        var crashing = Step.Of<int>("Act", async _ =>
        {
            // What a restart would find if the process died now.
            atCrash = await _db.ReloadAsync(record.InstanceId);
            throw new InvalidOperationException("crash");
        });
        await _db.Runner.RunAsync(new OrchestrationRun(record), async (ctx, ct) => await ctx.CallAsync(decide, 0, ct) + await ctx.CallAsync(crashing, 0, ct));
        Assert.Empty(atCrash!.Steps);

        var act = Step.Returning("Act", 1);
        var outcome = await _db.Runner.RunAsync(new OrchestrationRun(atCrash), async (ctx, ct) => await ctx.CallAsync(decide, 0, ct) + await ctx.CallAsync(act, 0, ct));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, outcome.RuntimeStatus);
        Assert.Equal("8", outcome.OutputJson);
        Assert.Equal(2, decide.Runs);
    }

    [Fact]
    public async Task Decision_that_ends_the_instance_is_stored_with_its_end()
    {
        var record = await _db.CreateAsync();
        var decide = Step.Deciding("Decide", 7);

        var outcome = await _db.Runner.RunAsync(new OrchestrationRun(record), (ctx, ct) => ctx.CallAsync(decide, 0, ct));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, outcome.RuntimeStatus);
        var stored = await _db.ReloadAsync(record.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, stored.RuntimeStatus);
        Assert.Equal("Decide", Assert.Single(stored.Steps).Name);
    }
}
