using System.Diagnostics;
using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Telemetry;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Boilerhouse.Orchestration.Tenants;

// Reentrant so that status, wait and terminate calls are served while an orchestration runs;
// orchestrations themselves are serialized by the queue (_tail).
[Reentrant]
public sealed class TenantGrain(
    OrchestrationRunner runner,
    OrchestrationStore store,
    OrchestrationRegistry registry,
    TenantStore tenants,
    ClaimRotation rotation,
    TimeProvider time,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    private readonly Dictionary<string, QueuedInstance> _queued = [];
    private Task _tail = Task.CompletedTask;
    private TenantRecord? _assignment;
    private string? _lastInstanceId;

    private string TenantId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken) => DatabaseUnavailable.PortableAsync(() => ActivateAsync(cancellationToken));

    private async Task ActivateAsync(CancellationToken cancellationToken)
    {
        _assignment = await tenants.LoadAsync(TenantId, cancellationToken);
        foreach (var unfinished in await store.GetUnfinishedAsync(TenantId, cancellationToken))
        {
            logger.LogInformation("Resuming orchestration {Name} {InstanceId} of tenant {TenantId} from step {Steps}",
                unfinished.Name, unfinished.InstanceId, TenantId, unfinished.Steps.Count(s => s.Outcome == StepOutcome.Succeeded));
            Enqueue(unfinished, secrets: null, caller: default);
        }
    }

    public async Task<InstanceOutcome> StartClaimAsync(ClaimCommand command, string instanceId, TimeSpan wait)
    {
        // A tenant that holds a container is answered from the grain's own copy of its assignment.
        if (_queued.Count == 0 && _assignment is { Status: TenantStatus.Claimed } held
            && await HeldClaim.AnswerAsync(held, store, command, instanceId) is { } answer)
        {
            return answer.ErrorCode is null && ClaimRotation.IsWanted(command) ? await RotateInTurnAsync(held, command, answer) : answer;
        }

        return await StartAsync(registry.Get<ClaimOrchestration>(), ClaimOrchestration.Name, command, instanceId, command.PoolId, wait, command.Secrets);
    }

    public async Task<InstanceOutcome?> StartReleaseAsync(string instanceId, ReleaseOptions options, TimeSpan wait)
    {
        if (_assignment is null && _queued.Count == 0 && await store.GetAsync(instanceId, false, CancellationToken.None) is null)
        {
            return null;
        }

        return await StartAsync(registry.Get<ReleaseOrchestration>(), ReleaseOrchestration.Name, new ReleaseCommand(TenantId, options.Sync, options.Reason), instanceId, _assignment?.PoolId, wait);
    }

    public async Task<InstanceOutcome?> StartSyncAsync(SyncCommand command, string instanceId, TimeSpan wait)
    {
        if (_assignment is null && await store.GetAsync(instanceId, false, CancellationToken.None) is null)
        {
            return null;
        }

        return await StartAsync(registry.Get<SyncOrchestration>(), SyncOrchestration.Name,
            new TenantSync(TenantId, command.Direction, command.Trigger), instanceId, _assignment?.PoolId, wait);
    }

    public async Task<InstanceOutcome?> WaitAsync(string instanceId, TimeSpan timeout)
    {
        if (_queued.TryGetValue(instanceId, out var queued) && await FinishedWithinAsync(queued, timeout) is { } finished)
        {
            return finished;
        }

        var record = await store.GetAsync(instanceId, false, CancellationToken.None);
        return record is null ? null : InstanceOutcome.From(record);
    }

    public Task<bool> TerminateAsync(string instanceId, string reason)
    {
        if (!_queued.TryGetValue(instanceId, out var queued))
        {
            return Task.FromResult(false);
        }

        queued.TerminationReason = reason;
        queued.Terminate.Cancel();
        return Task.FromResult(true);
    }

    public Task ResumeAsync() => Task.CompletedTask;

    public async Task<bool> TouchAsync()
    {
        if (_assignment is not { Status: TenantStatus.Claimed })
        {
            return false;
        }

        _assignment = await tenants.TouchAsync(TenantId, CancellationToken.None) ?? _assignment;
        return true;
    }

    public async Task ContainerLostAsync(string containerName)
    {
        if (await tenants.MarkLostAsync(TenantId, containerName, CancellationToken.None))
        {
            logger.LogWarning("Container {ContainerName} of tenant {TenantId} is gone; the tenant is marked lost and gets a new container on its next claim",
                containerName, TenantId);
            _assignment = await tenants.LoadAsync(TenantId, CancellationToken.None);
        }
    }

    public async Task<TenantState> GetStateAsync()
    {
        // While an orchestration runs, its steps move the assignment on (a release waiting on its sink is releasing).
        if (_queued.Count > 0)
        {
            _assignment = await tenants.LoadAsync(TenantId, CancellationToken.None);
        }

        return TenantState.From(TenantId, _assignment, _lastInstanceId);
    }

    /// <summary>
    /// Rotates config and secrets of the held container in the tenant's queue, so a release started
    /// meanwhile waits for it; the answer is the held claim's, saying what was rewritten.
    /// </summary>
    private async Task<InstanceOutcome> RotateInTurnAsync(TenantRecord held, ClaimCommand command, InstanceOutcome answer)
    {
        var previous = _tail;
        var turn = RotateAfterAsync(previous, held, command, answer);
        _tail = turn;
        return await turn;
    }

    private async Task<InstanceOutcome> RotateAfterAsync(Task previous, TenantRecord held, ClaimCommand command, InstanceOutcome answer)
    {
        await previous.ContinueWith(_ => { }, TaskScheduler.Current);
        try
        {
            var rotated = await rotation.RotateAsync(held, command, CancellationToken.None);
            var claim = System.Text.Json.JsonSerializer.Deserialize<ClaimResult>(answer.OutputJson!, JsonDefaults.Options)! with { Rotated = rotated };
            return answer with { OutputJson = System.Text.Json.JsonSerializer.Serialize(claim, JsonDefaults.Options) };
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Rotating config and secrets of tenant {TenantId} in {ContainerName} failed", TenantId, held.ContainerName);
            var code = ex is BoilerhouseException be ? be.Code : ErrorCodes.ProvisioningFailed;
            return new InstanceOutcome(answer.InstanceId, OrchestrationRuntimeStatus.Failed, null, code,
                $"Could not rotate config or secrets in the tenant's container: {ex.Message}");
        }
    }

    /// <summary>
    /// Records an instance of an orchestration and queues it; a known instance id answers that instance.
    /// Answers once it finished or <paramref name="wait"/> ran out, whichever comes first.
    /// </summary>
    private async Task<InstanceOutcome> StartAsync<TIn, TOut>(
        Orchestration<TIn, TOut> orchestration, string name, TIn input, string instanceId, string? poolId, TimeSpan wait,
        IReadOnlyDictionary<string, string>? secrets = null)
    {
        var start = new OrchestrationStart(instanceId, name, TenantId, poolId, orchestration.WriteInput(input), RunsAtOnce: _queued.Count == 0 && _tail.IsCompleted);
        var (record, created) = await runner.CreateAsync(start, CancellationToken.None);
        if (created)
        {
            Enqueue(record, secrets, CallerTrace.Read());
        }

        if (wait > TimeSpan.Zero && _queued.TryGetValue(instanceId, out var queued) && await FinishedWithinAsync(queued, wait) is { } finished)
        {
            return finished;
        }

        return Current(record, start);
    }

    /// <summary>The queued instance's outcome once it finished, or null when <paramref name="timeout"/> ran out first.</summary>
    private static async Task<InstanceOutcome?> FinishedWithinAsync(QueuedInstance queued, TimeSpan timeout)
    {
        try
        {
            return await queued.Done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Where an instance stands; an id already used by another tenant or operation is a conflict, never a peek.</summary>
    private InstanceOutcome Current(OrchestrationRecord record, OrchestrationStart start)
    {
        if (record.TenantId != start.TenantId || record.Name != start.Name)
        {
            return new InstanceOutcome(start.InstanceId, OrchestrationRuntimeStatus.Failed, null, OrchestrationErrorCodes.InstanceIdConflict,
                $"Instance id '{start.InstanceId}' is already used by another orchestration; choose another or omit it.");
        }

        return _queued.TryGetValue(record.InstanceId, out var queued)
            ? new InstanceOutcome(record.InstanceId, queued.Started ? OrchestrationRuntimeStatus.Running : OrchestrationRuntimeStatus.Pending, null, null, null)
            : InstanceOutcome.From(record);
    }

    private void Enqueue(OrchestrationRecord record, IReadOnlyDictionary<string, string>? secrets, ActivityContext caller)
    {
        var queued = new QueuedInstance(record, secrets, caller);
        _queued[record.InstanceId] = queued;
        _lastInstanceId = record.InstanceId;
        var previous = _tail;
        _tail = RunAfterAsync(previous, queued);
    }

    private async Task RunAfterAsync(Task previous, QueuedInstance queued)
    {
        await previous.ContinueWith(_ => { }, TaskScheduler.Current);
        queued.Started = true;
        var record = queued.Record;
        InstanceOutcome outcome;
        try
        {
            outcome = await RunAsync(queued);
        }
        catch (Exception ex)
        {
            // The runner records failures itself; this only guards the queue.
            logger.LogError(ex, "Orchestration {InstanceId} of tenant {TenantId} could not be run", record.InstanceId, TenantId);
            outcome = new InstanceOutcome(record.InstanceId, OrchestrationRuntimeStatus.Failed, null, ErrorCodes.Internal, ex.Message);
        }
        finally
        {
            _queued.Remove(record.InstanceId);
            queued.Terminate.Dispose();
        }

        queued.Done.TrySetResult(outcome);
    }

    private async Task<InstanceOutcome> RunAsync(QueuedInstance queued)
    {
        var run = new OrchestrationRun(queued.Record)
        {
            Secrets = queued.Secrets,
            Assignment = _assignment,
            Terminate = queued.Terminate.Token,
            TerminationReason = () => queued.TerminationReason,
            Caller = queued.Caller,
        };
        var outcome = await registry.RunAsync(runner, run);
        // Only a step that changed the assignment in a way it cannot tell costs a read: a claim that recorded
        // one, or a release that cleared it, reads nothing. The instance is over and stored: a database outage
        // now delays its answer, never turns it into an error.
        if (run.AssignmentWritten is { Known: true } written)
        {
            _assignment = written.Value;
        }
        else if (run.AssignmentWritten is not null)
        {
            _assignment = await DatabaseWait.UntilAnswersAsync(() => tenants.LoadAsync(TenantId, CancellationToken.None), time);
        }

        return outcome;
    }

    private sealed class QueuedInstance(OrchestrationRecord record, IReadOnlyDictionary<string, string>? secrets, ActivityContext caller)
    {
        public OrchestrationRecord Record { get; } = record;
        public IReadOnlyDictionary<string, string>? Secrets { get; } = secrets;
        public ActivityContext Caller { get; } = caller;
        public CancellationTokenSource Terminate { get; } = new();
        public TaskCompletionSource<InstanceOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool Started { get; set; }
        public string TerminationReason { get; set; } = "terminated";
    }
}
