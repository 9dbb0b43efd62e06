using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// Release: mark the tenant releasing, destroy its container and volumes (no reuse across tenants),
/// let the pool warm a fresh one, clear the assignment.
/// </summary>
public sealed class ReleaseOrchestration(AssignmentActivity assignments, DestroyContainerActivity destroy, TimeProvider time)
{
    public const string Name = "release";

    public async Task<ReleaseResult> RunAsync(OrchestrationContext context, TenantRecord assignment, CancellationToken cancellationToken)
    {
        assignment.Status = TenantStatus.Releasing;
        assignment.LastInstanceId = context.InstanceId;
        await context.CallActivityAsync("MarkReleasing", ct => assignments.SaveAsync(assignment, ct), cancellationToken);
        await context.CallActivityAsync(nameof(DestroyContainerActivity),
            ct => destroy.RunAsync(assignment.PoolId, assignment.ContainerName, ct), cancellationToken);
        await context.CallActivityAsync("ClearAssignment", ct => assignments.ClearAsync(assignment.TenantId, ct), cancellationToken);
        return new ReleaseResult(assignment.TenantId, assignment.PoolId, assignment.ContainerId, time.GetUtcNow());
    }
}
