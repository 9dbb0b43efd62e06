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

    /// <summary>
    /// Removes every container and volume of an installation, including volumes whose container never
    /// got created. The app may be removing some of them at the same moment, and an archive helper
    /// (labelled only with its owner) may still hold a volume: both are tolerated.
    /// </summary>
    public static async Task RemoveInstanceAsync(string instanceId)
    {
        foreach (var container in await ListAsync(instanceId))
        {
            await RemoveContainerAsync(container.ID);
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
            var holders = await Client.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["volume"] = new Dictionary<string, bool> { [volume.Name] = true } },
            });
            foreach (var holder in holders)
            {
                await RemoveContainerAsync(holder.ID);
            }

            await UnlessGoneAsync(() => Client.Volumes.RemoveAsync(volume.Name, force: true));
        }

        await RemoveNetworksAsync(Client, instanceId);
    }

    /// <summary>The pool networks of an installation on an engine.</summary>
    public static async Task<IList<NetworkResponse>> NetworksAsync(DockerClient client, string instanceId) =>
        await client.Networks.ListNetworksAsync(new NetworksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.Instance}={instanceId}"] = true },
            },
        });

    /// <summary>Removes an installation's networks (after its containers: a network in use cannot go).</summary>
    public static async Task RemoveNetworksAsync(DockerClient client, string instanceId)
    {
        foreach (var network in await NetworksAsync(client, instanceId))
        {
            try
            {
                await client.Networks.DeleteNetworkAsync(network.ID);
            }
            catch (DockerApiException e) when (e.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.Conflict)
            {
                // Gone already, or a container the app is still removing holds it; nothing more to do here.
            }
        }
    }

    private static Task RemoveContainerAsync(string id) =>
        UnlessGoneAsync(() => Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }));

    private static async Task UnlessGoneAsync(Func<Task> removal)
    {
        try
        {
            await removal();
        }
        catch (DockerApiException e) when (e.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
        {
            // Already gone, or its removal is under way.
        }
    }
}
