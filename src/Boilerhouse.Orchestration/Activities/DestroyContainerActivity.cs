using Boilerhouse.Core.Containers;
using Boilerhouse.Orchestration.Pools;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>Removes a container and its volumes, then tells its pool to forget it and refill. Idempotent.</summary>
public sealed class DestroyContainerActivity(IContainerRuntime runtime, IGrainFactory grains)
{
    public async Task RunAsync(string poolId, string containerName, CancellationToken cancellationToken)
    {
        await runtime.RemoveAsync(containerName, cancellationToken);
        await grains.GetGrain<IPoolGrain>(poolId).ForgetAsync(containerName);
    }
}
