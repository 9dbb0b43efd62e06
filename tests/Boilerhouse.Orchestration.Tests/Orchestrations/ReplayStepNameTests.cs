using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Tests.Orchestrations;

/// <summary>
/// An instance resumed by code whose steps differ from those its history recorded (an upgrade between
/// crash and resume) fails ORCHESTRATION_NONDETERMINISTIC and runs nothing: a stored output is never
/// fed to another step. Real SQLite store.
/// </summary>
public sealed class ReplayStepNameTests : IAsyncLifetime
{
    private SqliteOrchestrations _db = null!;

    public async Task InitializeAsync() => _db = await SqliteOrchestrations.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Resume_with_a_different_step_at_a_recorded_position_fails_naming_the_step_and_both_names()
    {
        // Given an instance that checkpointed "Reserve" then "Charge" and was interrupted before it ended
        var record = await RecordAsync(("Reserve", "1"), ("Charge", "\"paid\""));
        var reserve = Step.Returning("Reserve", 1);
        var refund = Step.Returning("Refund", "refunded");
        var after = Step.Returning("After", 0);

        // When a version that runs "Reserve" then "Refund" resumes it
        var outcome = await _db.Runner.RunAsync(new OrchestrationRun(await _db.ReloadAsync(record.InstanceId)), async (ctx, ct) =>
        {
            await ctx.CallAsync(reserve, 0, ct);
            var refunded = await ctx.CallAsync(refund, 0, ct);
            await ctx.CallAsync(after, 0, ct);
            return refunded;
        });

        // Then the instance fails with the code and a message naming step 2 and both names; nothing ran
        Assert.Equal(OrchestrationRuntimeStatus.Failed, outcome.RuntimeStatus);
        Assert.Equal(OrchestrationErrorCodes.Nondeterministic, outcome.ErrorCode);
        Assert.Contains("Step 2", outcome.ErrorMessage);
        Assert.Contains("'Charge'", outcome.ErrorMessage);
        Assert.Contains("'Refund'", outcome.ErrorMessage);
        Assert.Equal(0, reserve.Runs);
        Assert.Equal(0, refund.Runs);
        Assert.Equal(0, after.Runs);
        var stored = await _db.ReloadAsync(record.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, stored.RuntimeStatus);
        Assert.Equal(OrchestrationErrorCodes.Nondeterministic, stored.ErrorCode);
        Assert.Equal(2, stored.Steps.Count);
    }

    [Fact]
    public async Task Compensation_after_a_mismatch_does_not_run_either()
    {
        var record = await RecordAsync(("Take", "\"container-1\""));
        var other = Step.Returning("TakeFromElsewhere", "container-2");
        var compensate = Step.Returning("Compensate", true);

        var outcome = await _db.Runner.RunAsync(new OrchestrationRun(await _db.ReloadAsync(record.InstanceId)), async (ctx, ct) =>
        {
            try
            {
                return await ctx.CallAsync(other, 0, ct);
            }
            catch (Exception)
            {
                await ctx.CallAsync(compensate, 0, ct);
                throw;
            }
        });

        Assert.Equal(OrchestrationErrorCodes.Nondeterministic, outcome.ErrorCode);
        Assert.Contains("Step 1", outcome.ErrorMessage);
        Assert.Equal(0, other.Runs);
        Assert.Equal(0, compensate.Runs);
        Assert.Single((await _db.ReloadAsync(record.InstanceId)).Steps);
    }

    [Fact]
    public async Task History_longer_than_the_code_fails_naming_the_extra_step()
    {
        var record = await RecordAsync(("One", "1"), ("Two", "2"));
        var one = Step.Returning("One", 1);

        var outcome = await _db.Runner.RunAsync(new OrchestrationRun(await _db.ReloadAsync(record.InstanceId)),
            (ctx, ct) => ctx.CallAsync(one, 0, ct));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, outcome.RuntimeStatus);
        Assert.Equal(OrchestrationErrorCodes.Nondeterministic, outcome.ErrorCode);
        Assert.Contains("Step 2", outcome.ErrorMessage);
        Assert.Contains("'Two'", outcome.ErrorMessage);
        Assert.Null(outcome.OutputJson);
    }

    [Fact]
    public async Task Resume_with_the_same_steps_replays_their_outputs()
    {
        var record = await RecordAsync(("One", "1"), ("Two", "20"));
        var one = Step.Returning("One", 100);
        var two = Step.Returning("Two", 200);
        var three = Step.Returning("Three", 300);

        var outcome = await _db.Runner.RunAsync(new OrchestrationRun(await _db.ReloadAsync(record.InstanceId)), async (ctx, ct) =>
            await ctx.CallAsync(one, 0, ct) + await ctx.CallAsync(two, 0, ct) + await ctx.CallAsync(three, 0, ct));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, outcome.RuntimeStatus);
        Assert.Equal("321", outcome.OutputJson);
        Assert.Equal((0, 0, 1), (one.Runs, two.Runs, three.Runs));
    }

    [Fact]
    public async Task Instance_of_an_orchestration_this_version_lacks_fails_unknown()
    {
        var record = await _db.CreateAsync("retired");
        var registry = new OrchestrationRegistry(new Dictionary<string, IOrchestration>());

        var outcome = await registry.RunAsync(_db.Runner, new OrchestrationRun(record));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, outcome.RuntimeStatus);
        Assert.Equal(OrchestrationErrorCodes.Unknown, outcome.ErrorCode);
        Assert.Contains("'retired'", outcome.ErrorMessage);
        var stored = await _db.ReloadAsync(record.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, stored.RuntimeStatus);
        Assert.Equal(OrchestrationErrorCodes.Unknown, stored.ErrorCode);
    }

    /// <summary>An instance interrupted after these steps had succeeded, recorded as a run of some earlier version would.</summary>
    private async Task<OrchestrationRecord> RecordAsync(params (string Name, string OutputJson)[] steps)
    {
        var record = await _db.CreateAsync();
        await _db.Store.MarkRunningAsync(record.InstanceId, CancellationToken.None);
        for (var i = 0; i < steps.Length; i++)
        {
            await _db.Store.AppendStepAsync(new OrchestrationStepRecord
            {
                InstanceId = record.InstanceId,
                Sequence = i + 1,
                Name = steps[i].Name,
                Attempt = 1,
                StartedAt = DateTimeOffset.UtcNow,
                EndedAt = DateTimeOffset.UtcNow,
                Outcome = StepOutcome.Succeeded,
                OutputJson = steps[i].OutputJson,
            }, $"{steps[i].Name} done", CancellationToken.None);
        }

        return record;
    }
}
