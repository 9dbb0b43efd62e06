using Boilerhouse.Core.Containers;
using Boilerhouse.Docker;

namespace Boilerhouse.Bench;

/// <summary>Removes every container and volume a bench host created, by its installation label.</summary>
public static class Cleanup
{
    /// <summary>On the local engine, or on <paramref name="endpoint"/> (a TLS test engine).</summary>
    public static async Task RemoveInstanceAsync(string instanceId, DockerEndpoint? endpoint = null)
    {
        using var runtime = new DockerContainerRuntime(endpoint ?? new DockerEndpoint());
        var labels = new Dictionary<string, string> { [ContainerLabels.Instance] = instanceId };
        var containers = await runtime.ListAsync(labels, CancellationToken.None);
        await Parallel.ForEachAsync(containers, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (c, ct) => await runtime.RemoveAsync(c.Name, ct));
        foreach (var owner in await runtime.ListVolumeOwnersAsync(labels, CancellationToken.None))
        {
            await runtime.RemoveAsync(owner.ContainerName, CancellationToken.None);
        }
    }
}
