using System.Collections.Concurrent;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Hosts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>
/// Creates a labelled container for a pool on the Docker host it was placed on, starts it and waits
/// until it is healthy, with a bound on parallel creates per host so a big pool does not swamp an engine.
/// </summary>
public sealed class ContainerFactory(DockerHosts hosts, ContainerLocator locator, IOptions<PoolOptions> options, ILogger<ContainerFactory> logger)
    : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _slots = new(StringComparer.Ordinal);

    /// <summary>The labels that find a pool's containers in Docker.</summary>
    public static Dictionary<string, string> PoolLabels(string poolId, PoolOptions options) => new()
    {
        [ContainerLabels.Managed] = "true",
        [ContainerLabels.Instance] = options.InstanceId,
        [ContainerLabels.Pool] = poolId,
    };

    public static Dictionary<string, string> LabelsFor(WorkloadSpec spec, string hostId, PoolOptions options)
    {
        var labels = PoolLabels(spec.Id, options);
        labels[ContainerLabels.Workload] = spec.WorkloadId;
        labels[ContainerLabels.Host] = hostId;
        labels[ContainerLabels.Generation] = WorkloadGeneration.Of(spec);
        return labels;
    }

    public async Task<ContainerInfo> CreateWarmAsync(WorkloadSpec spec, string name, string hostId, CancellationToken cancellationToken)
    {
        var runtime = hosts.Runtime(hostId);
        var slots = _slots.GetOrAdd(hostId, _ => new SemaphoreSlim(options.Value.MaxParallelCreates));
        string id;
        // The bound is on the engine's heavy work (create, start); waiting for health checks is not held to it.
        await slots.WaitAsync(cancellationToken);
        try
        {
            locator.Remember(name, hostId);
            var request = new ContainerRequest(name, spec, LabelsFor(spec, hostId, options.Value))
            {
                Network = PoolNetwork.ForWorkload(spec, options.Value.InstanceId, hostId),
            };
            id = await runtime.CreateAsync(request, cancellationToken);
            locator.Remember(id, hostId);
            await runtime.StartAsync(id, cancellationToken);
        }
        finally
        {
            slots.Release();
        }

        var info = await runtime.WaitUntilHealthyAsync(id, options.Value.HealthyTimeout, cancellationToken);
        logger.LogDebug("Container {ContainerName} ({ContainerId}) of pool {PoolId} is warm on host {HostId}", name, id, spec.Id, hostId);
        return info;
    }

    public void Dispose()
    {
        foreach (var slots in _slots.Values)
        {
            slots.Dispose();
        }
    }
}
