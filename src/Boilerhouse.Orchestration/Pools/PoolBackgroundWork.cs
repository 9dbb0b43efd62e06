using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Hosts;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>
/// Docker work of a pool that must not hold the grain's turn (placing, creating and warming a
/// container; removing one): it runs on the thread pool and reports its outcome to the pool grain
/// as messages, so a claim never waits behind a container being created.
/// </summary>
internal sealed class PoolBackgroundWork(string poolId, IPoolGrain pool, IHostRegistryGrain registry, ContainerFactory factory, DockerHosts hosts, ILogger logger)
{
    /// <summary>Places, creates and warms one container; reports unplaced, ready or failed.</summary>
    public void Create(WorkloadSpec spec, PlacementRequest request) => _ = Task.Run(async () =>
    {
        string? hostId = null;
        try
        {
            var placed = await registry.PlaceAsync(request);
            if (placed.HostId is null)
            {
                await pool.ContainerUnplacedAsync(request.ContainerName, placed.ErrorCode!, placed.ErrorMessage!);
                return;
            }

            hostId = placed.HostId;
            var info = await factory.CreateWarmAsync(spec, request.ContainerName, hostId, CancellationToken.None);
            await pool.ContainerReadyAsync(request.ContainerName, hostId, info);
        }
        catch (Exception ex)
        {
            await pool.ContainerFailedAsync(request.ContainerName, hostId, ex.Message);
        }
    });

    public void Remove(PoolMember member) => Remove(member.Name, member.ContainerId ?? member.Name, member.HostId);

    /// <summary>Removes a container (when its host is known) and reports it removed, even when Docker refused.</summary>
    public void Remove(string containerName, string containerIdOrName, string? hostId) => _ = Task.Run(async () =>
    {
        try
        {
            if (hostId is not null)
            {
                await hosts.Runtime(hostId).RemoveAsync(containerIdOrName, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            // Written off all the same: a reconcile reaps it by label once its host answers.
            logger.LogWarning(ex, "Could not remove container {ContainerName} of pool {PoolId} from host {HostId}; a reconcile reaps it later",
                containerName, poolId, hostId);
        }

        await pool.ContainerRemovedAsync(containerName);
    });
}
