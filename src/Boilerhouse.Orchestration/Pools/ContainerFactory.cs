using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>
/// Creates a labelled container for a pool, starts it and waits until it is healthy, with a
/// host-wide bound on parallel creates so a big pool does not swamp the engine.
/// </summary>
public sealed class ContainerFactory(IContainerRuntime runtime, IOptions<PoolOptions> options, ILogger<ContainerFactory> logger) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxParallelCreates);

    /// <summary>The labels that find a pool's containers in Docker.</summary>
    public static Dictionary<string, string> PoolLabels(string poolId, PoolOptions options) => new()
    {
        [ContainerLabels.Managed] = "true",
        [ContainerLabels.Instance] = options.InstanceId,
        [ContainerLabels.Pool] = poolId,
    };

    public static Dictionary<string, string> LabelsFor(WorkloadSpec spec, PoolOptions options)
    {
        var labels = PoolLabels(spec.Id, options);
        labels[ContainerLabels.Workload] = spec.Id;
        labels[ContainerLabels.Host] = options.HostId;
        labels[ContainerLabels.Generation] = WorkloadGeneration.Of(spec);
        return labels;
    }

    public async Task<ContainerInfo> CreateWarmAsync(WorkloadSpec spec, string name, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            var request = new ContainerRequest(name, spec, LabelsFor(spec, options.Value));
            var id = await runtime.CreateAsync(request, cancellationToken);
            await runtime.StartAsync(id, cancellationToken);
            var info = await runtime.WaitUntilHealthyAsync(id, options.Value.HealthyTimeout, cancellationToken);
            logger.LogDebug("Container {ContainerName} ({ContainerId}) of pool {PoolId} is warm", name, id, spec.Id);
            return info;
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
