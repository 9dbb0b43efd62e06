using System.Net;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Shell;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// Reads and writes one volume of a container for a person, never through the container itself: a
/// helper container (created, never started) mounts only that volume and has a read-only root, so even
/// a link that the checks upstream did not see leads nowhere writable and to nothing but the image's files.
/// </summary>
internal sealed class VolumeFiles(EngineConnection engine, ArchiveHelpers helpers)
{
    // Go's os.FileMode type bits, as the engine reports them.
    private const uint GoDirectory = 1u << 31;
    private const uint GoSymlink = 1u << 27;
    private const uint GoTypeBits = 0xFFF00000u;

    public async Task<VolumeEntry?> StatAsync(string containerId, string path, CancellationToken cancellationToken)
    {
        try
        {
            var response = await engine.Call.RunAsync(
                $"look at {path}",
                t => engine.Client.Containers.GetArchiveFromContainerAsync(containerId, new GetArchiveFromContainerParameters { Path = path }, true, t),
                cancellationToken).ConfigureAwait(false);
            var stat = response.Stat;
            var mode = (uint)stat.Mode;
            var type = (mode & GoSymlink) != 0 ? VolumeEntryType.Link
                : (mode & GoDirectory) != 0 ? VolumeEntryType.Directory
                : (mode & GoTypeBits) == 0 ? VolumeEntryType.File
                : VolumeEntryType.Other;
            return new VolumeEntry(stat.Name, type, stat.Size, stat.Mtime, string.IsNullOrEmpty(stat.LinkTarget) ? null : stat.LinkTarget);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound && !DockerErrors.MessageOf(e).Contains("No such container", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed($"look at {path}", containerId, e);
        }
    }

    public async Task<VolumeArchive> ReadAsync(string containerId, string volumeTarget, string path, CancellationToken cancellationToken)
    {
        var (owner, helper) = await HelperAsync(containerId, volumeTarget, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await engine.Call.RunAsync(
                $"copy {path} out of a volume",
                t => engine.Client.Containers.GetArchiveFromContainerAsync(helper, new GetArchiveFromContainerParameters { Path = path }, false, t),
                cancellationToken).ConfigureAwait(false);
            return new VolumeArchive(new ZeroLengthReadGuardStream(response.Stream), () =>
            {
                helpers.RemoveLater(helper, owner);
                return ValueTask.CompletedTask;
            });
        }
        catch (Exception e)
        {
            helpers.RemoveLater(helper, owner);
            if (e is DockerApiException { StatusCode: HttpStatusCode.NotFound } notFound)
            {
                throw new BoilerhouseException(ErrorCodes.ContainerPathNotFound, $"{path} does not exist in container {containerId}.", notFound);
            }

            throw e is DockerApiException docker ? DockerErrors.ContainerFailed($"copy {path} out", containerId, docker) : e;
        }
    }

    public async Task WriteAsync(string containerId, string volumeTarget, string directory, Stream tar, CancellationToken cancellationToken)
    {
        var (owner, helper) = await HelperAsync(containerId, volumeTarget, cancellationToken).ConfigureAwait(false);
        try
        {
            await engine.Call.RunAsync(
                $"copy an archive into {directory}",
                t => engine.Client.Containers.ExtractArchiveToContainerAsync(helper, new ContainerPathStatParameters { Path = directory }, tar, t),
                cancellationToken,
                engine.Endpoint.TransferTimeout).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw new BoilerhouseException(ErrorCodes.ContainerFailed, $"Docker refused to write into {directory} of container {containerId}: {DockerErrors.MessageOf(e)}", e);
        }
        finally
        {
            helpers.RemoveLater(helper, owner);
        }
    }

    private async Task<(ContainerInspectResponse Owner, string Helper)> HelperAsync(string containerId, string volumeTarget, CancellationToken cancellationToken)
    {
        var owner = await engine.InspectExistingAsync(containerId, cancellationToken).ConfigureAwait(false);
        var mount = owner.Mounts?.FirstOrDefault(m => m.Type == "volume" && m.Destination.TrimEnd('/') == volumeTarget.TrimEnd('/'))
            ?? throw new BoilerhouseException(ErrorCodes.ContainerFailed, $"Container {containerId} has no volume mounted at {volumeTarget}.");
        return (owner, await helpers.CreateAsync(owner, mount, cancellationToken, readOnlyRoot: true).ConfigureAwait(false));
    }
}
