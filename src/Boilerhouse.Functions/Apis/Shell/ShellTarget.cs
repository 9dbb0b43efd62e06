using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Shell;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Resources;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// The container a command, file or terminal request is about, and the shell of its host. A tenant's
/// container is found from its assignment, never from an id the caller names.
/// </summary>
public sealed record ShellTarget(string? TenantId, ManagedContainer Container, IContainerShell Shell)
{
    public static async Task<ShellTarget> OfTenantAsync(string tenantId, TenantStore tenants, ManagedContainerFinder finder, DockerHosts hosts, CancellationToken cancellationToken)
    {
        ResourceId.Require(tenantId, "tenant");
        if (await tenants.LoadAsync(tenantId, cancellationToken) is not { ContainerId.Length: > 0 } assignment)
        {
            throw new BoilerhouseException(ErrorCodes.TenantNotFound, $"Tenant '{tenantId}' holds no container; claim one first.");
        }

        var container = await finder.FindAsync(assignment.ContainerId, cancellationToken)
            ?? throw new BoilerhouseException(ErrorCodes.ContainerNotFound,
                $"The container of tenant '{tenantId}' ({assignment.ContainerName}) no longer exists; a new claim provisions another.");
        return new ShellTarget(tenantId, container, hosts.Shell(container.HostId));
    }

    public static async Task<ShellTarget> OfContainerAsync(string containerId, ManagedContainerFinder finder, DockerHosts hosts, CancellationToken cancellationToken)
    {
        ContainerReference.Require(containerId);
        var container = await finder.FindAsync(containerId, cancellationToken)
            ?? throw new BoilerhouseException(ErrorCodes.ContainerNotFound,
                $"Container '{containerId}' is not a container of this Boilerhouse installation; GET /api/v1/pools/{{poolId}}/containers lists them.");
        return new ShellTarget(null, container, hosts.Shell(container.HostId));
    }

    /// <summary>Where the container's state volume is mounted; a workload without one has no files to offer.</summary>
    public string StateVolume(WorkloadCatalog workloads) =>
        workloads.TryGet(Container.PoolId, out var workload) && workload.VolumeFor(VolumeRole.State) is { } state
            ? state.Target.TrimEnd('/')
            : throw new BoilerhouseException(ErrorCodes.InvalidRequest,
                $"Workload '{Container.PoolId}' has no state volume (a volume with x-boilerhouse-role: state), so it has no files to read or write.");

    /// <summary>The uid:gid files written for the container are owned by (its workload's user).</summary>
    public (int Uid, int Gid) Owner(WorkloadCatalog workloads) =>
        workloads.TryGet(Container.PoolId, out var workload) ? ContainerUser.Parse(workload.Security.User) : (0, 0);
}
