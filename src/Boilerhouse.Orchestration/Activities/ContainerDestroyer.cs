using Boilerhouse.Core.Containers;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Pools;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>
/// Removes a container and its volumes from its Docker host, then tells its pool to forget it and
/// refill. Idempotent. A container on an unhealthy host is written off instead: its pool reaps it by
/// label when the host is back, so a release never waits for a dead machine.
/// </summary>
public sealed class ContainerDestroyer(ContainerLocator locator, DockerHosts hosts, IGrainFactory grains, ILogger<ContainerDestroyer> logger)
{
    public async Task DestroyAsync(string poolId, string containerName, CancellationToken cancellationToken)
    {
        // No record: a re-run after the pool forgot it. Removing a missing container is harmless, so try every host.
        var hostIds = await locator.FindHostAsync(containerName, cancellationToken) is { } hostId ? [hostId] : hosts.Ids.ToList();
        foreach (var id in hostIds)
        {
            await RemoveFromAsync(id, containerName, cancellationToken);
        }

        locator.Forget(containerName);
        await grains.GetGrain<IPoolGrain>(poolId).ForgetAsync(containerName);
    }

    private async Task RemoveFromAsync(string hostId, string containerName, CancellationToken cancellationToken)
    {
        try
        {
            await hosts.Runtime(hostId).RemoveAsync(containerName, cancellationToken);
        }
        catch (ContainerRuntimeUnavailableException)
        {
            if (!await IsUnhealthyAsync(hostId))
            {
                throw;
            }

            logger.LogWarning("Docker host {HostId} is unhealthy: container {ContainerName} is written off and reaped when the host is back",
                hostId, containerName);
        }
    }

    private async Task<bool> IsUnhealthyAsync(string hostId) =>
        await grains.GetGrain<IHostRegistryGrain>(HostRegistryGrain.Key).GetAsync(hostId) is { Status: HostStatus.Unhealthy };
}
