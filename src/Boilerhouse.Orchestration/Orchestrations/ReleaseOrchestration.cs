using Boilerhouse.Core.Events;
using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Events;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Sync;
using Boilerhouse.Orchestration.Tenants;
using Boilerhouse.Sync;
using Microsoft.Extensions.Options;
using Polly;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// Release: mark the tenant releasing (the checkpoint names the container, so a resumed release
/// finishes the same one), save its state to the sink, and only once every upload is confirmed
/// destroy its container and volumes (no reuse across tenants), let the pool warm a fresh one and
/// clear the assignment. A sink or host that is down is retried until it answers: the tenant stays
/// releasing meanwhile (its container paused after the first failed save) and its state is never dropped.
/// </summary>
public sealed class ReleaseOrchestration(
    MarkReleasingActivity markReleasing, SaveStateActivity save, DestroyContainerActivity destroy, ClearAssignmentActivity clear,
    SyncActivity sync, IEventPublisher events, IOptions<OrchestrationOptions> options, TimeProvider time)
    : Orchestration<ReleaseCommand, ReleaseResult>, INamedOrchestration
{
    public static string Name => "release";

    private readonly ResiliencePipeline _untilSaved = ActivityRetries.BuildUnbounded(options, time);

    public override string WriteInput(ReleaseCommand input) => System.Text.Json.JsonSerializer.Serialize(input, JsonDefaults.Options);

    // Inputs stored before sync and reason existed read as a plain release that saves.
    public override ReleaseCommand ReadInput(OrchestrationRecord record, IReadOnlyDictionary<string, string>? secrets) =>
        (record.InputJson is { } json ? System.Text.Json.JsonSerializer.Deserialize<ReleaseCommand>(json, JsonDefaults.Options) : null)
        ?? new ReleaseCommand(record.TenantId!);

    public override async Task<ReleaseResult> RunAsync(OrchestrationContext context, ReleaseCommand command, CancellationToken cancellationToken)
    {
        var tenantId = command.TenantId;
        var target = await context.CallAsync(markReleasing, new ReleaseStart(tenantId, context.InstanceId), cancellationToken);
        // A lost container took its state with it; what the last sync saved is what the sink keeps.
        var saves = !target.Lost && sync.SpecOf(target.PoolId) is { Sync.Policy.OnRelease: true };
        if (saves && command.Sync)
        {
            var container = new SyncTarget(tenantId, target.PoolId, target.ContainerName, target.ContainerId);
            await context.CallAsync(save, new SyncStep(container, SyncTrigger.Release, SyncDirection.Upload, context.InstanceId), cancellationToken, _untilSaved);
        }

        // Released: the tenant's state is safe in its sink (or there was none to save); the container goes next.
        events.Publish(EventTypes.ContainerReleased, target.PoolId, tenantId, target.ContainerId,
            payload: new { containerName = target.ContainerName, instanceId = context.InstanceId, lost = target.Lost, syncSkipped = saves && !command.Sync, reason = command.Reason });
        await context.CallAsync(destroy, new ContainerToDestroy(target.PoolId, target.ContainerName), cancellationToken);
        await context.CallAsync(clear, tenantId, cancellationToken);
        return new ReleaseResult(tenantId, target.PoolId, target.ContainerId, time.GetUtcNow(), SyncSkipped: saves && !command.Sync);
    }
}

/// <summary>A release of the tenant's container; Sync false skips the save on purpose; Reason says who asked when not the tenant.</summary>
public sealed record ReleaseCommand(string TenantId, bool Sync = true, string? Reason = null);
