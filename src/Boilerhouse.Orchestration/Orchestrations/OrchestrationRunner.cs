using System.Text.Json;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Events;
using Boilerhouse.Orchestration.Events;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// Creates orchestration instances and runs them (first run or resume after a crash) to an end:
/// Completed with an output, Failed with a code, or Terminated. Never throws to its caller.
/// </summary>
public sealed class OrchestrationRunner(
    OrchestrationStore store,
    IOptions<OrchestrationOptions> options,
    ICheckpointObserver observer,
    BoilerhouseMetrics metrics,
    IEventPublisher events,
    TimeProvider time,
    ILogger<OrchestrationRunner> logger)
{
    private readonly ResiliencePipeline _retries = ActivityRetries.Build(options, time);

    /// <summary>
    /// Records a new instance, or finds the one a retried request created before. One that runs at once
    /// (nothing ahead of it in its tenant's queue) is recorded Running, which spares it a write of its own
    /// for the move from Pending; one that waits its turn is recorded Pending.
    /// </summary>
    public async Task<(OrchestrationRecord Record, bool Created)> CreateAsync(OrchestrationStart start, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var status = start.RunsAtOnce ? OrchestrationRuntimeStatus.Running : OrchestrationRuntimeStatus.Pending;
        var created = await store.CreateAsync(new OrchestrationRecord
        {
            InstanceId = start.InstanceId,
            Name = start.Name,
            TenantId = start.TenantId,
            PoolId = start.PoolId,
            InputJson = start.RedactedInputJson,
            RuntimeStatus = status,
            CustomStatus = start.RunsAtOnce ? "Started" : "Pending",
            CreatedTime = now,
            LastUpdatedTime = now,
        }, cancellationToken);
        if (created.Created)
        {
            observer.Checkpointed(start.Name, 0);
        }

        return created;
    }

    public async Task<InstanceOutcome> RunAsync<TOutput>(OrchestrationRun run, Func<OrchestrationContext, CancellationToken, Task<TOutput>> body)
    {
        using var span = BoilerhouseTracing.StartOrchestration(run.Record, run.Caller);
        var started = time.GetTimestamp();
        var outcome = await RunToEndAsync(run, body);
        metrics.OrchestrationEnded(run.Record.Name, run.Record.PoolId, outcome.RuntimeStatus, time.GetElapsedTime(started));
        if (outcome.ErrorCode is { } code)
        {
            span.Failed(code, outcome.ErrorMessage);
        }

        return outcome;
    }

    /// <summary>
    /// Runs the instance; when the database cannot be reached mid-run (a checkpoint, a step that reads
    /// it, the final state), or a step's grain was on a silo that died, the instance is neither failed
    /// nor dropped: it waits and runs again from its stored checkpoints, as it would after a crash.
    /// </summary>
    private async Task<InstanceOutcome> RunToEndAsync<TOutput>(OrchestrationRun run, Func<OrchestrationContext, CancellationToken, Task<TOutput>> body)
    {
        while (true)
        {
            try
            {
                return await RunOnceAsync(run, body);
            }
            catch (Exception ex) when (Interrupted(ex))
            {
                logger.LogWarning("Orchestration {Name} {InstanceId} waits for the database or the cluster ({Error}); it then resumes from its last checkpoint",
                    run.Record.Name, run.Record.InstanceId, ex.GetBaseException().Message);
                await ReloadHistoryWhenDatabaseAnswersAsync(run);
            }
        }
    }

    /// <summary>
    /// The database is unreachable, or a grain call went to a silo that died and the retries ran out
    /// before membership declared it dead (a loaded machine): not the instance's failure, so it runs again.
    /// A coded error is the orchestration's own verdict (a claim that compensated wraps the cause in one): it fails as before.
    /// </summary>
    private static bool Interrupted(Exception ex) => ex is not BoilerhouseException && (DatabaseUnavailable.Is(ex) || SiloLoss.Is(ex));

    /// <summary>Waits until the database answers, then loads the history it holds into the run (steps recorded before the outage replay).</summary>
    private async Task ReloadHistoryWhenDatabaseAnswersAsync(OrchestrationRun run)
    {
        if (await DatabaseWait.UntilAnswersAsync(() => store.GetAsync(run.Record.InstanceId, withSteps: true, CancellationToken.None), time) is { } stored)
        {
            run.Record.Steps.Clear();
            run.Record.Steps.AddRange(stored.Steps);
        }
    }

    private async Task<InstanceOutcome> RunOnceAsync<TOutput>(OrchestrationRun run, Func<OrchestrationContext, CancellationToken, Task<TOutput>> body)
    {
        var record = run.Record;
        var id = record.InstanceId;
        var context = new OrchestrationContext(run, store, _retries, observer, metrics, time);
        try
        {
            if (record.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
            {
                store.QueueRunning(record);
            }

            Publish(EventTypes.OrchestrationStarted, record);
            var output = await body(context, run.Terminate);
            context.EnsureHistoryReplayed();
            var json = JsonSerializer.Serialize(output, JsonDefaults.Options);
            await store.FinishAsync(id, OrchestrationRuntimeStatus.Completed, json, null, null, context.TakeDeferred(), CancellationToken.None);
            Publish(EventTypes.OrchestrationCompleted, record);
            return new InstanceOutcome(id, OrchestrationRuntimeStatus.Completed, json, null, null);
        }
        catch (OperationCanceledException) when (run.Terminate.IsCancellationRequested)
        {
            var reason = run.TerminationReason();
            await store.FinishAsync(id, OrchestrationRuntimeStatus.Terminated, null, OrchestrationErrorCodes.Terminated, reason, context.TakeDeferred(), CancellationToken.None);
            Publish(EventTypes.OrchestrationTerminated, record, OrchestrationErrorCodes.Terminated, reason);
            return new InstanceOutcome(id, OrchestrationRuntimeStatus.Terminated, null, OrchestrationErrorCodes.Terminated, reason);
        }
        catch (Exception ex) when (!Interrupted(ex))
        {
            var (code, message) = ex is BoilerhouseException be ? (be.Code, be.Message) : (ErrorCodes.Internal, ex.Message);
            logger.LogWarning(ex, "Orchestration {Name} {InstanceId} for tenant {TenantId} failed: {Code}", record.Name, id, record.TenantId, code);
            await store.FinishAsync(id, OrchestrationRuntimeStatus.Failed, null, code, message, context.TakeDeferred(), CancellationToken.None);
            Publish(EventTypes.OrchestrationFailed, record, code, message);
            return new InstanceOutcome(id, OrchestrationRuntimeStatus.Failed, null, code, message);
        }
    }

    /// <summary>Ends an instance as Failed without running anything (e.g. one this version cannot run).</summary>
    public async Task<InstanceOutcome> FailAsync(string instanceId, string code, string message)
    {
        logger.LogWarning("Orchestration {InstanceId} failed: {Code}: {Message}", instanceId, code, message);
        await store.FinishAsync(instanceId, OrchestrationRuntimeStatus.Failed, null, code, message, CancellationToken.None);
        events.Publish(EventTypes.OrchestrationFailed, payload: new { instanceId, code, message });
        return new InstanceOutcome(instanceId, OrchestrationRuntimeStatus.Failed, null, code, message);
    }

    private void Publish(string type, OrchestrationRecord record, string? code = null, string? message = null) =>
        events.Publish(type, record.PoolId, record.TenantId, payload: new { instanceId = record.InstanceId, name = record.Name, code, message });
}

/// <param name="RunsAtOnce">True when nothing is ahead of it in its tenant's queue: it is recorded Running.</param>
public sealed record OrchestrationStart(string InstanceId, string Name, string? TenantId, string? PoolId, string? RedactedInputJson, bool RunsAtOnce = false);

/// <summary>How an instance ended (or stands): output JSON when it completed, a code and message otherwise.</summary>
[GenerateSerializer, Immutable]
public sealed record InstanceOutcome(
    [property: Id(0)] string InstanceId,
    [property: Id(1)] OrchestrationRuntimeStatus RuntimeStatus,
    [property: Id(2)] string? OutputJson,
    [property: Id(3)] string? ErrorCode,
    [property: Id(4)] string? ErrorMessage)
{
    public bool IsFinished => RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    public static InstanceOutcome From(OrchestrationRecord r) => new(r.InstanceId, r.RuntimeStatus, r.OutputJson, r.ErrorCode, r.ErrorMessage);
}
