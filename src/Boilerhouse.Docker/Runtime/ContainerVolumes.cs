using System.Globalization;
using System.Net;
using Boilerhouse.Core.Containers;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// The named role volumes Boilerhouse creates for each container, found again by the
/// <see cref="ContainerLabels.Container"/> label (the container's name) so a half-done create or
/// remove can always be finished.
/// </summary>
internal sealed class ContainerVolumes(EngineConnection engine)
{
    private static readonly TimeSpan BusyRetryDelay = TimeSpan.FromMilliseconds(200);
    private const int BusyRetries = 10;

    public async Task CreateAsync(ContainerRequest request, ContainerVolume volume, CancellationToken cancellationToken)
    {
        var parameters = new VolumesCreateParameters
        {
            Name = volume.Name,
            Labels = ContainerSpecMapper.VolumeLabels(request, volume),
        };
        try
        {
            // Creating an existing volume answers with that volume, so a re-run create is harmless.
            await engine.Call.RunAsync($"create volume {volume.Name}", t => engine.Client.Volumes.CreateAsync(parameters, t), cancellationToken).ConfigureAwait(false);
            DockerLog.VolumeCreated(engine.Logger, volume.Name, request.Name);
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed($"create volume {volume.Name}", request.Name, e);
        }
    }

    /// <summary>Removes every volume made for the container of that name; missing ones are fine.</summary>
    public async Task RemoveAllAsync(string containerName, CancellationToken cancellationToken)
    {
        var filter = LabelFilter.Of(new Dictionary<string, string> { [ContainerLabels.Container] = containerName });
        var listed = await engine.Call.RunAsync(
            "list volumes",
            t => engine.Client.Volumes.ListAsync(new VolumesListParameters { Filters = filter }, t),
            cancellationToken).ConfigureAwait(false);
        foreach (var volume in listed.Volumes ?? [])
        {
            await RemoveAsync(volume.Name, containerName, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<VolumeOwner>> ListOwnersAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var listed = await engine.Call.RunAsync(
            "list volumes",
            t => engine.Client.Volumes.ListAsync(new VolumesListParameters { Filters = LabelFilter.Of(labels) }, t),
            cancellationToken).ConfigureAwait(false);
        return [.. (listed.Volumes ?? [])
            .Where(v => v.Labels?.ContainsKey(ContainerLabels.Container) == true)
            .GroupBy(v => v.Labels[ContainerLabels.Container])
            .Select(g => new VolumeOwner(g.Key, g.Min(v => DateTimeOffset.TryParse(v.CreatedAt, CultureInfo.InvariantCulture, out var at) ? at : DateTimeOffset.MinValue)))];
    }

    private async Task RemoveAsync(string volumeName, string containerName, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await engine.Call.RunAsync($"remove volume {volumeName}", t => engine.Client.Volumes.RemoveAsync(volumeName, false, t), cancellationToken).ConfigureAwait(false);
                DockerLog.VolumeRemoved(engine.Logger, volumeName, containerName);
                return;
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict && attempt < BusyRetries)
            {
                // The engine can report a volume in use for a moment after its container is gone.
                await Task.Delay(BusyRetryDelay, engine.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e)
            {
                throw DockerErrors.ContainerFailed($"remove volume {volumeName}", containerName, e);
            }
        }
    }
}
