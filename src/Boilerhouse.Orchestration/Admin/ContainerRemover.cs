using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Resources;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Orchestration.Admin;

/// <summary>
/// An operator's force-removal of one container. A container a tenant holds is taken back by that
/// tenant's release (queued behind its other orchestrations): its state is saved first unless the
/// operator says not to, then the container goes and the tenant is unclaimed, so its next claim
/// restores the saved state into a fresh container. Any other container of this installation is
/// removed at once and its pool refills.
/// </summary>
public sealed class ContainerRemover(ContainerListStore containers, ManagedContainerFinder finder, ContainerDestroyer destroyer, IGrainFactory grains)
{
    public const string Reason = "container removed by an operator";

    /// <summary>Null when no container of this installation has that id or name.</summary>
    public async Task<ContainerRemovalStarted?> RemoveAsync(string idOrName, bool saveState, CancellationToken cancellationToken)
    {
        var record = await containers.FindAsync(idOrName, cancellationToken);
        var name = record?.Name;
        var poolId = record?.PoolId;
        if (record is null)
        {
            // Not recorded (a crash between create and record, or another silo's leftover), but labelled as ours.
            if (await finder.FindAsync(idOrName, cancellationToken) is not { } managed)
            {
                return null;
            }

            (name, poolId) = (managed.Name, managed.PoolId);
        }

        if (await containers.FindHolderAsync(name!, record?.ContainerId, cancellationToken) is { } holder)
        {
            var instanceId = InstanceIds.New();
            var release = await grains.GetGrain<ITenantGrain>(holder.TenantId)
                .StartReleaseAsync(instanceId, new ReleaseOptions(Sync: saveState, Reason: Reason), TimeSpan.Zero);
            if (release is not null)
            {
                return new ContainerRemovalStarted(name!, poolId!, holder.TenantId, release);
            }
        }

        await destroyer.DestroyAsync(poolId!, name!, cancellationToken);
        return new ContainerRemovalStarted(name!, poolId!, null, null);
    }
}

/// <summary>What a removal did: removed at once (Release null), or started the holding tenant's release.</summary>
public sealed record ContainerRemovalStarted(string ContainerName, string PoolId, string? TenantId, InstanceOutcome? Release);
