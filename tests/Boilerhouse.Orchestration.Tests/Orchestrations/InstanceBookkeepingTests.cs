using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Tests.Orchestrations;

/// <summary>
/// What an instance writes besides its steps, kept to what a claim needs: an instance that runs at
/// once is recorded Running (no write of its own for the move), and a step that knows what it made
/// of the tenant's assignment hands it to the tenant grain (no read back), but only once it succeeded.
/// </summary>
public sealed class InstanceBookkeepingTests : IAsyncLifetime
{
    private SqliteOrchestrations _db = null!;

    public async Task InitializeAsync() => _db = await SqliteOrchestrations.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Instance_that_runs_at_once_is_recorded_running_one_queued_is_pending_until_it_runs()
    {
        var (atOnce, _) = await _db.Runner.CreateAsync(new OrchestrationStart(InstanceIds.New(), "test", "t", "p", "{}", RunsAtOnce: true), CancellationToken.None);
        var queued = await _db.CreateAsync();

        Assert.Equal((OrchestrationRuntimeStatus.Running, "Started"), Stored(await _db.ReloadAsync(atOnce.InstanceId)));
        Assert.Equal((OrchestrationRuntimeStatus.Pending, "Pending"), Stored(await _db.ReloadAsync(queued.InstanceId)));

        // Once it runs, the queued one's move to Running is stored before its first checkpoint.
        OrchestrationRecord? seen = null;
        var first = Step.Returning("First", 1);
        var look = Step.Of("Look", async _ =>
        {
            seen = await _db.ReloadAsync(queued.InstanceId);
            return 2;
        });
        await _db.Runner.RunAsync(new OrchestrationRun(queued), async (ctx, ct) => await ctx.CallAsync(first, 0, ct) + await ctx.CallAsync(look, 0, ct));
        Assert.Equal(OrchestrationRuntimeStatus.Running, seen!.RuntimeStatus);
    }

    [Fact]
    public async Task A_step_that_knows_the_assignment_it_wrote_hands_it_over_only_once_it_succeeded()
    {
        var assignment = new TenantRecord { TenantId = "t", PoolId = "p", ContainerName = "c", ContainerId = "id" };
        var record = Step.Writing("Record", AssignmentWrite.To(assignment), _ => Task.FromResult(true));
        var run = new OrchestrationRun(await _db.CreateAsync());

        await _db.Runner.RunAsync(run, (ctx, ct) => ctx.CallAsync(record, 0, ct));

        Assert.Equal(AssignmentWrite.To(assignment), run.AssignmentWritten);

        var failing = Step.Writing<bool>("Record", AssignmentWrite.To(assignment), _ => throw new InvalidOperationException("the write failed half-way"));
        var failedRun = new OrchestrationRun(await _db.CreateAsync());

        var outcome = await _db.Runner.RunAsync(failedRun, (ctx, ct) => ctx.CallAsync(failing, 0, ct));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, outcome.RuntimeStatus);
        Assert.Equal(AssignmentWrite.Unknown, failedRun.AssignmentWritten);
    }

    private static (OrchestrationRuntimeStatus, string?) Stored(OrchestrationRecord record) => (record.RuntimeStatus, record.CustomStatus);
}
