using System.Net;
using Boilerhouse.Core.Containers;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// Reads a container's resource counters with one one-shot stats call: the engine answers at once
/// instead of waiting a second for a second reading, so a sweep over many containers stays cheap.
/// </summary>
internal sealed class ContainerStatsReader(EngineConnection engine)
{
    public async Task<ContainerStats?> ReadAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            var reading = await engine.Call.RunAsync(
                "read container stats",
                async t =>
                {
                    var last = new LastReport<ContainerStatsResponse>();
                    var parameters = new ContainerStatsParameters { Stream = false, OneShot = true };
                    await engine.Client.Containers.GetContainerStatsAsync(containerId, parameters, last, t).ConfigureAwait(false);
                    return last.Value;
                },
                cancellationToken).ConfigureAwait(false);
            return reading is null ? null : ContainerStatsMapper.From(reading);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed("read stats", containerId, e);
        }
    }
}
