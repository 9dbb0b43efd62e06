using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Sync;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// Sync (periodic or on demand): find the tenant's container, then upload and/or download its
/// mappings. Queued behind the tenant's other orchestrations, so it never races a release.
/// </summary>
public sealed class SyncOrchestration(AssignmentActivity assignments, SyncActivity sync)
{
    public const string Name = "sync";

    public async Task<SyncSummary> RunAsync(OrchestrationContext context, string tenantId, SyncCommand command, CancellationToken cancellationToken)
    {
        var target = await context.CallActivityAsync("FindContainer", ct => FindContainerAsync(tenantId, ct), cancellationToken);
        return await context.CallActivityAsync("Sync",
            ct => sync.RunAsync(target, command.Trigger, command.Direction, context.InstanceId, ct), cancellationToken)
            ?? throw new BoilerhouseException(ErrorCodes.SyncNotConfigured, $"Pool '{target.PoolId}' has no sync spec.");
    }

    private async Task<SyncTarget> FindContainerAsync(string tenantId, CancellationToken cancellationToken)
    {
        var assignment = await assignments.LoadAsync(tenantId, cancellationToken);
        return assignment switch
        {
            null => throw new BoilerhouseException(ErrorCodes.TenantNotFound, $"Tenant '{tenantId}' holds no container."),
            { Status: not TenantStatus.Claimed } => throw new BoilerhouseException(ErrorCodes.TenantBusy,
                $"Tenant '{tenantId}' is {assignment.Status.ToString().ToLowerInvariant()}; its state can only be synced while it is claimed."),
            _ => new SyncTarget(tenantId, assignment.PoolId, assignment.ContainerName, assignment.ContainerId),
        };
    }
}
