using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Pools;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Timers.Jobs;

/// <summary>
/// Reconciles Docker with Boilerhouse by label, on every host: containers of this installation whose
/// pool no longer exists are reaped, so are pool networks no loaded workload uses (its pool is gone or
/// its egress changed), and every pool reaps what it does not know and replaces what vanished.
/// </summary>
public sealed class OrphanReapingJob(
    WorkloadCatalog workloads, DockerHosts hosts, IGrainFactory grains, IOptions<PoolOptions> options, TimeProvider time,
    ILogger<OrphanReapingJob> logger) : ITimerJob
{
    public string Name => TimerNames.OrphanReaping;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var hostId in hosts.Ids)
        {
            try
            {
                await ReapAsync(hosts.Runtime(hostId), cancellationToken);
            }
            catch (ContainerRuntimeUnavailableException ex)
            {
                // A host that is down is the health timer's business; the others are still reaped.
                logger.LogWarning("Orphan reaping skipped host {HostId}: {Reason}", hostId, ex.Message);
            }
        }

        await Task.WhenAll(workloads.Workloads.Select(w => grains.GetGrain<IPoolGrain>(w.Id).ReconcileAsync()));
    }

    private async Task ReapAsync(IContainerRuntime runtime, CancellationToken cancellationToken)
    {
        var mine = new Dictionary<string, string>
        {
            [ContainerLabels.Managed] = "true",
            [ContainerLabels.Instance] = options.Value.InstanceId,
        };
        // Volume owners are listed before the containers: a container created in between is then
        // seen, never taken for the leftover of a crash and removed while its pool is starting it.
        var volumeOwners = await runtime.ListVolumeOwnersAsync(mine, cancellationToken);
        var containers = await runtime.ListAsync(mine, cancellationToken);
        foreach (var orphan in containers.Where(c => !workloads.TryGet(c.Labels.GetValueOrDefault(ContainerLabels.Pool, ""), out _)))
        {
            logger.LogInformation("Reaping container {ContainerName}: its pool {PoolId} no longer exists",
                orphan.Name, orphan.Labels.GetValueOrDefault(ContainerLabels.Pool));
            await runtime.RemoveAsync(orphan.Id, cancellationToken);
        }

        // Volumes are created just before their container; long after, a volume without one was left by a crash.
        var names = containers.Select(c => c.Name).ToHashSet();
        foreach (var owner in volumeOwners)
        {
            if (!names.Contains(owner.ContainerName) && owner.CreatedAt < time.GetUtcNow() - options.Value.LeftoverGrace)
            {
                logger.LogInformation("Reaping the volumes of {ContainerName}: the container does not exist", owner.ContainerName);
                await runtime.RemoveAsync(owner.ContainerName, cancellationToken);
            }
        }

        await ReapNetworksAsync(runtime, cancellationToken);

        // Archive helpers live for one copy; one still there long after was left by a crash.
        var helpers = await runtime.ListAsync(new Dictionary<string, string> { [ContainerLabels.Helper] = "archive" }, cancellationToken);
        foreach (var helper in helpers.Where(h => h.CreatedAt < time.GetUtcNow() - options.Value.LeftoverGrace))
        {
            await runtime.RemoveAsync(helper.Id, cancellationToken);
        }
    }

    private async Task ReapNetworksAsync(IContainerRuntime runtime, CancellationToken cancellationToken)
    {
        var instanceId = options.Value.InstanceId;
        var inUse = workloads.Workloads.Where(PoolNetwork.UsesPoolNetwork)
            .Select(w => PoolNetwork.NameOf(instanceId, w.Id, w.Network.Egress)).ToHashSet(StringComparer.Ordinal);
        var labels = new Dictionary<string, string>
        {
            [ContainerLabels.Managed] = "true",
            [ContainerLabels.Instance] = instanceId,
            [ContainerLabels.Network] = PoolNetwork.LabelValue,
        };
        foreach (var network in await runtime.ListNetworksAsync(labels, cancellationToken))
        {
            // One still holding containers (an older generation's) is removed by a later run.
            if (!inUse.Contains(network.Name) && await runtime.RemoveNetworkAsync(network.Name, cancellationToken))
            {
                logger.LogInformation("Reaped pool network {NetworkName}: no loaded workload uses it", network.Name);
            }
        }
    }
}
