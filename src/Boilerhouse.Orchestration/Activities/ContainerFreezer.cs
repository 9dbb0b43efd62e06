using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Hosts;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>
/// Pauses a releasing tenant's container once its save has failed: while the release waits on the
/// sink, the tenant's code must not keep running (its volumes stay for the retry, and removal works
/// on a paused container). Best effort and idempotent: a freeze that fails is logged, never a reason
/// to stop retrying the save.
/// </summary>
public sealed class ContainerFreezer(ContainerLocator locator, ILogger<ContainerFreezer> logger)
{
    public async Task FreezeAsync(string containerName, CancellationToken cancellationToken)
    {
        try
        {
            var runtime = await locator.RuntimeForAsync(containerName, cancellationToken);
            await runtime.PauseAsync(containerName, cancellationToken);
            logger.LogWarning("Container {ContainerName} is paused while its release waits on the sink", containerName);
        }
        catch (Exception e) when (e is BoilerhouseException or ContainerRuntimeUnavailableException)
        {
            logger.LogWarning(e, "Could not pause container {ContainerName} while its release waits on the sink", containerName);
        }
    }
}
