using System.Text.Json;
using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Persistence;
using Polly;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// The running instance an orchestration sees. Activities are called through it: each attempt is
/// timed and recorded, transient failures are retried with jittered backoff, and a call that
/// already succeeded before a crash is replayed from its checkpoint instead of running again.
/// </summary>
public sealed class OrchestrationContext
{
    private readonly OrchestrationRecord _instance;
    private readonly ILookup<int, OrchestrationStepRecord> _history;
    private readonly OrchestrationStore _store;
    private readonly ResiliencePipeline _retries;
    private readonly CrashPoint _crashPoint;
    private readonly TimeProvider _time;
    private int _sequence;

    public OrchestrationContext(
        OrchestrationRecord instance, OrchestrationStore store, ResiliencePipeline retries, CrashPoint crashPoint, TimeProvider time)
    {
        _instance = instance;
        _history = instance.Steps.ToLookup(s => s.Sequence);
        _store = store;
        _retries = retries;
        _crashPoint = crashPoint;
        _time = time;
    }

    public string InstanceId => _instance.InstanceId;

    /// <summary>True while the instance re-runs steps that had completed before it was interrupted.</summary>
    public bool IsReplaying => _history.Contains(_sequence + 1);

    /// <param name="retries">Overrides the instance's retry pipeline for this call (e.g. unbounded retries to save state).</param>
    public async Task<T> CallActivityAsync<T>(
        string name, Func<CancellationToken, Task<T>> activity, CancellationToken cancellationToken, ResiliencePipeline? retries = null)
    {
        var sequence = ++_sequence;
        var earlier = _history[sequence].ToList();
        if (earlier.FirstOrDefault(s => s.Outcome == StepOutcome.Succeeded) is { } done)
        {
            return done.OutputJson is null ? default! : JsonSerializer.Deserialize<T>(done.OutputJson, JsonDefaults.Options)!;
        }

        var attempt = earlier.Count == 0 ? 0 : earlier.Max(s => s.Attempt);
        var result = await (retries ?? _retries).ExecuteAsync(async ct =>
        {
            attempt++;
            var startedAt = _time.GetUtcNow();
            try
            {
                var output = await activity(ct);
                await RecordAsync(name, sequence, attempt, startedAt, StepOutcome.Succeeded, null,
                    JsonSerializer.Serialize(output, JsonDefaults.Options));
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
                await RecordAsync(name, sequence, attempt, startedAt, StepOutcome.Failed, error, null);
                throw;
            }
        }, cancellationToken);

        _crashPoint.AfterStep(_instance.Name, sequence);
        return result;
    }

    public Task CallActivityAsync(string name, Func<CancellationToken, Task> activity, CancellationToken cancellationToken) =>
        CallActivityAsync(name, async ct => { await activity(ct); return true; }, cancellationToken);

    // The history is written even when the instance is being terminated, so it uses no token.
    private Task RecordAsync(string name, int sequence, int attempt, DateTimeOffset startedAt, StepOutcome outcome, string? error, string? output) =>
        _store.AppendStepAsync(new OrchestrationStepRecord
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
        }, outcome == StepOutcome.Succeeded ? $"{name} done" : $"{name} failed (attempt {attempt})", CancellationToken.None);
}
