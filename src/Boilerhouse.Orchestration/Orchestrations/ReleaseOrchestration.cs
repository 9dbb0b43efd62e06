using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// Release: mark the tenant releasing (the checkpoint names the container, so a resumed release
/// finishes the same one), destroy its container and volumes (no reuse across tenants), let the pool
/// warm a fresh one, clear the assignment.
/// </summary>
public sealed class ReleaseOrchestration(AssignmentActivity assignments, DestroyContainerActivity destroy, TimeProvider time)
{
    public const string Name = "release";

    public async Task<ReleaseResult> RunAsync(OrchestrationContext context, string tenantId, CancellationToken cancellationToken)
    {
        var target = await context.CallActivityAsync("MarkReleasing",
            ct => assignments.MarkReleasingAsync(tenantId, context.InstanceId, ct), cancellationToken);
        await context.CallActivityAsync(nameof(DestroyContainerActivity),
            ct => destroy.RunAsync(target.PoolId, target.ContainerName, ct), cancellationToken);
        await context.CallActivityAsync("ClearAssignment", ct => assignments.ClearAsync(tenantId, ct), cancellationToken);
        return new ReleaseResult(tenantId, target.PoolId, target.ContainerId, time.GetUtcNow());
    }
}
