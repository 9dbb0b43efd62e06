using Boilerhouse.Core.Containers;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Pools;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Resources;

/// <summary>
/// Finds a container of this installation by id or name by asking the engine that runs it (the
/// sampler's book or the locator name the engine when they know it, else every engine is asked).
/// A container that exists but carries no label of this installation is not found: the API never reads another installation's or another program's containers.
/// </summary>
public sealed class ManagedContainerFinder(ResourceBook book, DockerHosts hosts, ContainerLocator locator, IOptions<PoolOptions> pools)
{
    public async Task<ManagedContainer?> FindAsync(string idOrName, CancellationToken cancellationToken)
    {
        // The sampler's book and the locator only say where to look: the engine answers whether it is
        // still there (the book keeps a removed container until the next sweep).
        var known = book.Find(idOrName)?.Container.HostId ?? await locator.FindHostAsync(idOrName, cancellationToken);
        List<string> candidates = known is not null ? [known] : [.. hosts.Ids];
        ContainerRuntimeUnavailableException? unreachable = null;
        foreach (var hostId in candidates)
        {
            try
            {
                if (await hosts.Runtime(hostId).InspectAsync(idOrName, cancellationToken) is { } info && IsMine(info))
                {
                    return new ManagedContainer(info.Id, info.Name, info.Labels[ContainerLabels.Pool], hostId);
                }
            }
            catch (ContainerRuntimeUnavailableException ex)
            {
                unreachable ??= ex;
            }
        }

        // Not found anywhere, but a host did not answer: it may be there, so say the engine is down rather than 404.
        if (unreachable is not null)
        {
            throw unreachable;
        }

        return null;
    }

    private bool IsMine(ContainerInfo info) =>
        info.Labels.GetValueOrDefault(ContainerLabels.Managed) == "true"
        && info.Labels.GetValueOrDefault(ContainerLabels.Instance) == pools.Value.InstanceId
        && info.Labels.ContainsKey(ContainerLabels.Pool);
}
