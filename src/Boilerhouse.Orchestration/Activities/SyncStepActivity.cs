using Boilerhouse.Orchestration.Sync;
using Boilerhouse.Sync;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>A step that runs the sync engine against a tenant's container; null when its workload syncs nothing.</summary>
public abstract class SyncStepActivity(SyncActivity sync) : Activity<SyncStep, SyncSummary?>
{
    public override Task<SyncSummary?> RunAsync(SyncStep input, CancellationToken cancellationToken) =>
        sync.RunAsync(input.Target, input.Trigger, input.Direction, input.InstanceId, cancellationToken);
}

/// <summary>One sync of a container: which way, what asked for it, and the instance that runs it.</summary>
public sealed record SyncStep(SyncTarget Target, SyncTrigger Trigger, SyncDirection Direction, string InstanceId);

/// <summary>Claim step: downloads the tenant's saved state into its new container.</summary>
public sealed class RestoreStateActivity(SyncActivity sync) : SyncStepActivity(sync)
{
    public override string Name => "RestoreState";
}

/// <summary>
/// Release step: uploads the tenant's state before anything is destroyed. A failed attempt pauses
/// the container (idempotent), so its code stops while the release retries the save.
/// </summary>
public sealed class SaveStateActivity(SyncActivity sync, ContainerFreezer freezer) : SyncStepActivity(sync)
{
    public override string Name => "SaveState";

    public override async Task<SyncSummary?> RunAsync(SyncStep input, CancellationToken cancellationToken)
    {
        try
        {
            return await base.RunAsync(input, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await freezer.FreezeAsync(input.Target.ContainerName, cancellationToken);
            throw;
        }
    }
}

/// <summary>Sync step: the periodic or on-demand sync itself.</summary>
public sealed class SyncStateActivity(SyncActivity sync) : SyncStepActivity(sync)
{
    public override string Name => "Sync";
}
