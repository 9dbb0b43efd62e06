using Boilerhouse.Orchestration.Activities;
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
    AssignmentActivity assignments, DestroyContainerActivity destroy, SyncActivity sync, ContainerFreezer freezer,
    IOptions<OrchestrationOptions> options, TimeProvider time)
{
    public const string Name = "release";

    private readonly ResiliencePipeline _untilSaved = ActivityRetries.BuildUnbounded(options, time);

    public async Task<ReleaseResult> RunAsync(OrchestrationContext context, string tenantId, CancellationToken cancellationToken)
    {
        var target = await context.CallActivityAsync("MarkReleasing",
            ct => assignments.MarkReleasingAsync(tenantId, context.InstanceId, ct), cancellationToken);
        // A lost container took its state with it; what the last sync saved is what the sink keeps.
        if (!target.Lost && sync.SpecOf(target.PoolId) is { Sync.Policy.OnRelease: true })
        {
            var container = new SyncTarget(tenantId, target.PoolId, target.ContainerName, target.ContainerId);
            var frozen = false;
            await context.CallActivityAsync("SaveState", async ct =>
            {
                try
                {
                    return await sync.RunAsync(container, SyncTrigger.Release, SyncDirection.Upload, context.InstanceId, ct);
                }
                catch (Exception) when (!frozen && !cancellationToken.IsCancellationRequested)
                {
                    frozen = true;
                    await freezer.FreezeAsync(target.ContainerName, cancellationToken);
                    throw;
                }
            }, cancellationToken, _untilSaved);
        }

        await context.CallActivityAsync(nameof(DestroyContainerActivity),
            ct => destroy.RunAsync(target.PoolId, target.ContainerName, ct), cancellationToken);
        await context.CallActivityAsync("ClearAssignment", ct => assignments.ClearAsync(tenantId, ct), cancellationToken);
        return new ReleaseResult(tenantId, target.PoolId, target.ContainerId, time.GetUtcNow());
    }
}
