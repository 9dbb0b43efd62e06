using System.Collections.Concurrent;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Orchestration.Hosts;

/// <summary>
/// Which Docker host runs a container, for activities that get only its id or name. With one host
/// the answer is immediate; otherwise it is remembered from the create on this silo, else read from
/// the container's record.
/// </summary>
public sealed class ContainerLocator(DockerHosts hosts, IDbContextFactory<BoilerhouseDb> dbFactory)
{
    private readonly ConcurrentDictionary<string, string> _hostOf = new(StringComparer.Ordinal);

    public void Remember(string containerIdOrName, string hostId) => _hostOf[containerIdOrName] = hostId;

    public void Forget(string containerIdOrName) => _hostOf.TryRemove(containerIdOrName, out _);

    /// <summary>The host of a container (by id or name), or null when no record says.</summary>
    public async ValueTask<string?> FindHostAsync(string containerIdOrName, CancellationToken cancellationToken)
    {
        if (hosts.Catalog.Single is { } only)
        {
            return only.Id;
        }

        if (_hostOf.TryGetValue(containerIdOrName, out var known))
        {
            return known;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hostId = await db.Containers.AsNoTracking()
            .Where(c => c.Name == containerIdOrName || c.ContainerId == containerIdOrName)
            .Select(c => c.HostId)
            .FirstOrDefaultAsync(cancellationToken);
        if (string.IsNullOrEmpty(hostId) || !hosts.Catalog.TryGet(hostId, out _))
        {
            return null;
        }

        _hostOf[containerIdOrName] = hostId;
        return hostId;
    }

    /// <summary>The runtime of the container's host; CONTAINER_NOT_FOUND when no record says which host it is on.</summary>
    public async ValueTask<IContainerRuntime> RuntimeForAsync(string containerIdOrName, CancellationToken cancellationToken) =>
        await FindHostAsync(containerIdOrName, cancellationToken) is { } hostId
            ? hosts.Runtime(hostId)
            : throw new BoilerhouseException(ErrorCodes.ContainerNotFound,
                $"Container {containerIdOrName} is not known to Boilerhouse: no record says which Docker host runs it.");
}
