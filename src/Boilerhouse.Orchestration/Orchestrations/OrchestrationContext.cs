using System.Text.Json;
using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Telemetry;
using Polly;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// The running instance an orchestration sees. Activities are called through it: each attempt is
/// timed and recorded, transient failures are retried with jittered backoff, and a call that
/// already succeeded before a crash is replayed from its checkpoint instead of running again.
/// Replay matches each stored step by number AND name: a history recorded by other code (an
/// upgrade between crash and resume) fails the instance instead of feeding a step another's output.
/// </summary>
public sealed class OrchestrationContext
{
    private readonly OrchestrationRun _run;
    private readonly ILookup<int, OrchestrationStepRecord> _history;
    private readonly OrchestrationStore _store;
    private readonly ResiliencePipeline _retries;
    private readonly ICheckpointObserver _observer;
    private readonly BoilerhouseMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly List<OrchestrationStepRecord> _deferred = [];
    private string? _divergence;
    private int _sequence;

    public OrchestrationContext(
        OrchestrationRun run, OrchestrationStore store, ResiliencePipeline retries, ICheckpointObserver observer, BoilerhouseMetrics metrics,
        TimeProvider time)
    {
        _run = run;
        _history = run.Record.Steps.ToLookup(s => s.Sequence);
        _store = store;
        _retries = retries;
        _observer = observer;
        _metrics = metrics;
        _time = time;
    }

    public string InstanceId => _run.Record.InstanceId;

    /// <summary>The tenant's assignment as its grain held it when this run started (null: none).</summary>
    public TenantRecord? Assignment => _run.Assignment;

    /// <summary>True while the instance re-runs steps that had completed before it was interrupted.</summary>
    public bool IsReplaying => _history.Contains(_sequence + 1);

    /// <summary>True once replay found a stored step this code does not run: nothing else runs in this instance.</summary>
    public bool HasDiverged => _divergence is not null;

    /// <summary>Runs <paramref name="activity"/> as the next step, or replays its checkpoint.</summary>
    /// <param name="retries">Overrides the instance's retry pipeline for this call (e.g. unbounded retries to save state).</param>
    public Task<TOut> CallAsync<TIn, TOut>(
        Activity<TIn, TOut> activity, TIn input, CancellationToken cancellationToken, ResiliencePipeline? retries = null) =>
        CallActivityAsync(activity.Name, activity.WritesAssignment(input), activity.CheckpointAtOnce, ct => activity.RunAsync(input, ct), cancellationToken, retries);

    /// <summary>After the orchestration returned: a history with steps beyond the last it ran was recorded by other code.</summary>
    public void EnsureHistoryReplayed()
    {
        if (_history.Where(g => g.Key > _sequence).MinBy(g => g.Key) is { } extra)
        {
            Diverge($"Step {extra.Key} of instance '{InstanceId}' was recorded as '{extra.First().Name}', but this version of " +
                $"'{_run.Record.Name}' runs no step {extra.Key} (it ends after step {_sequence}); the instance was recorded by a " +
                "different version and is failed rather than resumed.");
        }
    }

    private async Task<T> CallActivityAsync<T>(
        string name, AssignmentWrite? writesAssignment, bool checkpointAtOnce, Func<CancellationToken, Task<T>> activity, CancellationToken cancellationToken, ResiliencePipeline? retries)
    {
        var sequence = ++_sequence;
        var earlier = _history[sequence].ToList();
        if (_divergence is null && earlier.FirstOrDefault(s => s.Name != name) is { } other)
        {
            Diverge($"Step {sequence} of instance '{InstanceId}' was recorded as '{other.Name}', but this version of " +
                $"'{_run.Record.Name}' runs '{name}' there; the instance was recorded by a different version and is failed rather than resumed.");
        }

        if (_divergence is not null)
        {
            throw new BoilerhouseException(OrchestrationErrorCodes.Nondeterministic, _divergence);
        }

        if (earlier.FirstOrDefault(s => s.Outcome == StepOutcome.Succeeded) is { } done)
        {
            return done.OutputJson is null ? default! : JsonSerializer.Deserialize<T>(done.OutputJson, JsonDefaults.Options)!;
        }

        if (writesAssignment is not null)
        {
            // Until the step succeeded, only the database knows what it wrote.
            _run.AssignmentWritten = AssignmentWrite.Unknown;
        }

        var attempt = earlier.Count == 0 ? 0 : earlier.Max(s => s.Attempt);
        using var span = BoilerhouseTracing.StartStep(name, InstanceId, sequence);
        var result = await (retries ?? _retries).ExecuteAsync(async ct =>
        {
            attempt++;
            span?.SetTag(BoilerhouseTracing.AttemptsTag, attempt);
            if (attempt > 1)
            {
                _metrics.ActivityRetried(name);
            }

            var startedAt = _time.GetUtcNow();
            try
            {
                var output = await activity(ct);
                var step = Step(name, sequence, attempt, startedAt, StepOutcome.Succeeded, null, JsonSerializer.Serialize(output, JsonDefaults.Options));
                if (checkpointAtOnce)
                {
                    await RecordAsync(step);
                }
                else
                {
                    Defer(step);
                }

                span.Succeeded();
                return output;
            }
            catch (Exception ex)
            {
                var error = ex switch
                {
                    BoilerhouseException be => $"{be.Code}: {be.Message}",
                    OperationCanceledException when cancellationToken.IsCancellationRequested => "terminated",
                    OperationCanceledException => "timed out",
                    _ => ex.Message,
                };
                await RecordAsync(Step(name, sequence, attempt, startedAt, StepOutcome.Failed, error, null));
                span.Failed(ex is BoilerhouseException failed ? failed.Code : ex.GetType().Name, error);
                throw;
            }
        }, cancellationToken);

        _run.AssignmentWritten = writesAssignment ?? _run.AssignmentWritten;

        _observer.Checkpointed(_run.Record.Name, sequence);
        return result;
    }

    private void Diverge(string message)
    {
        _divergence = message;
        throw new BoilerhouseException(OrchestrationErrorCodes.Nondeterministic, message);
    }

    /// <summary>The checkpoints of steps that may run again (not <c>CheckpointAtOnce</c>) not stored yet: the runner stores them with the instance's end.</summary>
    public IReadOnlyList<OrchestrationStepRecord> TakeDeferred()
    {
        lock (_deferred)
        {
            List<OrchestrationStepRecord> taken = [.. _deferred];
            _deferred.Clear();
            return taken;
        }
    }

    private void Defer(OrchestrationStepRecord step)
    {
        lock (_deferred)
        {
            _deferred.Add(step);
        }
    }

    // The history is written even when the instance is being terminated, so it uses no token. Deferred
    // checkpoints go in the same transaction: a stored step never lacks the decisions it was based on.
    private Task RecordAsync(OrchestrationStepRecord step) =>
        _store.AppendStepsAsync([.. TakeDeferred(), step],
            step.Outcome == StepOutcome.Succeeded ? $"{step.Name} done" : $"{step.Name} failed (attempt {step.Attempt})", CancellationToken.None);

    private OrchestrationStepRecord Step(string name, int sequence, int attempt, DateTimeOffset startedAt, StepOutcome outcome, string? error, string? output) =>
        new()
        {
            InstanceId = InstanceId,
            Sequence = sequence,
            Name = name,
            Attempt = attempt,
            StartedAt = startedAt,
            EndedAt = _time.GetUtcNow(),
            Outcome = outcome,
            Error = error,
            OutputJson = output,
        };
}
