using System.Diagnostics;
using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// The running instance an orchestration sees: it calls activities through it so that each one is
/// timed, recorded and checkpointed in the step history.
/// </summary>
public sealed class OrchestrationContext(string instanceId, OrchestrationStore store, TimeProvider time)
{
    private int _sequence;

    public string InstanceId { get; } = instanceId;

    public async Task<T> CallActivityAsync<T>(string name, Func<CancellationToken, Task<T>> activity, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var sequence = ++_sequence;
        try
        {
            var result = await activity(cancellationToken);
            await RecordAsync(name, sequence, startedAt, StepOutcome.Succeeded, null);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = ex is BoilerhouseException be ? $"{be.Code}: {be.Message}" : ex.Message;
            await RecordAsync(name, sequence, startedAt, StepOutcome.Failed, error);
            throw;
        }
    }

    public Task CallActivityAsync(string name, Func<CancellationToken, Task> activity, CancellationToken cancellationToken) =>
        CallActivityAsync(name, async ct => { await activity(ct); return true; }, cancellationToken);

    // The history must be written even when the caller gave up, so it uses its own token.
    private Task RecordAsync(string name, int sequence, DateTimeOffset startedAt, StepOutcome outcome, string? error)
    {
        Debug.Assert(sequence > 0);
        var step = new OrchestrationStepRecord
        {
            InstanceId = InstanceId,
            Sequence = sequence,
            Name = name,
            Attempt = 1,
            StartedAt = startedAt,
            EndedAt = time.GetUtcNow(),
            Outcome = outcome,
            Error = error,
        };
        return store.AppendStepAsync(step, outcome == StepOutcome.Succeeded ? $"{name} done" : $"{name} failed", CancellationToken.None);
    }
}
