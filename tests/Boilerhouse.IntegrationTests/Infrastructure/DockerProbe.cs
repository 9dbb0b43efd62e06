using Boilerhouse.Core.Containers;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.IntegrationTests.Infrastructure;

/// <summary>
/// Looks at the real engine directly (not through Boilerhouse) to check what Boilerhouse did, and
/// cleans up by label.
/// </summary>
public static class DockerProbe
{
    public static DockerClient Client { get; } = new DockerClientConfiguration(new Uri("unix:///var/run/docker.sock")).CreateClient();

    public static async Task<IList<ContainerListResponse>> ListAsync(string instanceId, string? poolId = null)
    {
        var labels = new Dictionary<string, bool> { [$"{ContainerLabels.Instance}={instanceId}"] = true };
        if (poolId is not null)
        {
            labels[$"{ContainerLabels.Pool}={poolId}"] = true;
        }

        return await Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = labels },
        });
    }

    public static async Task<ContainerInspectResponse?> InspectAsync(string id)
    {
        try
        {
            return await Client.Containers.InspectContainerAsync(id);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    public static async Task<IList<VolumeResponse>> VolumesOfAsync(string containerName)
    {
        var volumes = await Client.Volumes.ListAsync(new VolumesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.Container}={containerName}"] = true },
            },
        });
        return volumes.Volumes ?? [];
    }

    /// <summary>Removes every container and volume of an installation, including volumes whose container never got created.</summary>
    public static async Task RemoveInstanceAsync(string instanceId)
    {
        foreach (var container in await ListAsync(instanceId))
        {
            await Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true });
        }

        var volumes = await Client.Volumes.ListAsync(new VolumesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.Instance}={instanceId}"] = true },
            },
        });
        foreach (var volume in volumes.Volumes ?? [])
        {
            await Client.Volumes.RemoveAsync(volume.Name, force: true);
        }
    }
}
