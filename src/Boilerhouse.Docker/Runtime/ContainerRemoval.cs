using System.Net;
using Boilerhouse.Core.Errors;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// Force-removes a container (running, paused or stopped) and the volumes made for it. A missing
/// container is fine, and a name (not an id) also finishes a remove that a crash left half done.
/// </summary>
internal sealed class ContainerRemoval(EngineConnection engine, ContainerVolumes volumes, ArchiveHelpers helpers)
{
    private static readonly TimeSpan GonePollInterval = TimeSpan.FromMilliseconds(100);

    public async Task RemoveAsync(string containerId, CancellationToken cancellationToken)
    {
        var container = await engine.InspectAsync(containerId, cancellationToken).ConfigureAwait(false);
        // Volumes are found by the container's name; a name (not an id) also cleans up after a half-done remove.
        var name = container?.Name?.TrimStart('/') ?? (ContainerIds.LooksLikeId(containerId) ? null : containerId);
        if (container is not null)
        {
            try
            {
                // Force also removes a paused container: the engine kills its frozen processes.
                await engine.Call.RunAsync(
                    "remove a container",
                    t => engine.Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, t),
                    cancellationToken).ConfigureAwait(false);
                DockerLog.ContainerRemoved(engine.Logger, container.ID, name ?? "");
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                // Removed by someone else meanwhile: the outcome we wanted.
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict
                && DockerErrors.MessageOf(e).Contains("already in progress", StringComparison.OrdinalIgnoreCase))
            {
                await WaitUntilGoneAsync(container.ID, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e)
            {
                throw DockerErrors.ContainerFailed("remove", containerId, e);
            }
        }

        if (name is not null)
        {
            await helpers.RemovedAsync(name).ConfigureAwait(false);
            await volumes.RemoveAllAsync(name, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitUntilGoneAsync(string containerId, CancellationToken cancellationToken)
    {
        var time = engine.Time;
        var started = time.GetTimestamp();
        while (await engine.InspectAsync(containerId, cancellationToken).ConfigureAwait(false) is not null)
        {
            if (time.GetElapsedTime(started) >= engine.Endpoint.RequestTimeout)
            {
                throw new BoilerhouseException(ErrorCodes.ContainerFailed, $"Container {containerId} was still being removed after {engine.Endpoint.RequestTimeout.TotalSeconds} s.");
            }

            await Task.Delay(GonePollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
