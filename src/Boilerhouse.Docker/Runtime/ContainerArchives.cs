using System.Net;
using Boilerhouse.Core.Errors;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// Copies tar streams into and out of containers through Docker's archive API, which works on
/// remote engines too. Docker refuses archives aimed at read-only volumes (a secrets volume usually
/// is): those are written through an <see cref="ArchiveHelpers">archive helper</see>.
/// </summary>
internal sealed class ContainerArchives(EngineConnection engine, ArchiveHelpers helpers)
{
    public async Task PutAsync(ContainerInspectResponse container, string path, Stream tar, CancellationToken cancellationToken)
    {
        var containerId = container.ID;
        // Checked up front: Docker refuses these only after it has stopped reading, which looks like a broken connection.
        var mount = container.Mounts?
            .Where(m => IsAtOrBelow(path, m.Destination))
            .MaxBy(m => m.Destination.TrimEnd('/').Length);
        if (container.HostConfig?.Tmpfs?.Keys.Any(t => IsAtOrBelow(path, t)) == true && mount is null)
        {
            throw new BoilerhouseException(
                ErrorCodes.ContainerFailed,
                $"Cannot copy files into {path} of container {containerId}: it is on a tmpfs, which Docker's archive API cannot see. Write into a volume instead.");
        }

        if (mount is null && container.HostConfig?.ReadonlyRootfs == true)
        {
            throw ReadOnlyRoot(path, containerId, null);
        }

        if (mount is null or { RW: true })
        {
            await ExtractAsync(containerId, path, tar, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (mount.Type != "volume")
        {
            throw new BoilerhouseException(
                ErrorCodes.ContainerFailed,
                $"Cannot copy files into {path} of container {containerId}: it is on a read-only {mount.Type} mount.");
        }

        var helper = await helpers.CreateAsync(container, mount, cancellationToken).ConfigureAwait(false);
        try
        {
            await ExtractAsync(helper, path, tar, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            helpers.RemoveLater(helper, container);
        }
    }

    /// <summary>Works on a paused container too: the engine reads its files, not its processes.</summary>
    public async Task<Stream> GetAsync(string containerId, string path, CancellationToken cancellationToken)
    {
        try
        {
            var response = await engine.Call.RunAsync(
                $"copy {path} out of a container",
                t => engine.Client.Containers.GetArchiveFromContainerAsync(containerId, new GetArchiveFromContainerParameters { Path = path }, false, t),
                cancellationToken).ConfigureAwait(false);
            return new ZeroLengthReadGuardStream(response.Stream);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound
            && DockerErrors.MessageOf(e).Contains("could not find the file", StringComparison.OrdinalIgnoreCase))
        {
            throw new BoilerhouseException(ErrorCodes.ContainerPathNotFound, $"{path} does not exist in container {containerId}.", e);
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed($"copy {path} out", containerId, e);
        }
    }

    private async Task ExtractAsync(string containerId, string path, Stream tar, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Call.RunAsync(
                $"copy an archive into {path}",
                t => engine.Client.Containers.ExtractArchiveToContainerAsync(containerId, new ContainerPathStatParameters { Path = path }, tar, t),
                cancellationToken,
                engine.Endpoint.TransferTimeout).ConfigureAwait(false);
            DockerLog.ArchivePut(engine.Logger, containerId, path);
        }
        catch (DockerApiException e) when (DockerErrors.MessageOf(e).Contains("rootfs is marked read-only", StringComparison.OrdinalIgnoreCase))
        {
            throw ReadOnlyRoot(path, containerId, e);
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed($"copy files into {path}", containerId, e);
        }
    }

    private static BoilerhouseException ReadOnlyRoot(string path, string containerId, Exception? inner) =>
        new(
            ErrorCodes.ContainerFailed,
            $"Cannot copy files into {path} of container {containerId}: it is on the read-only root filesystem. Archives can only be written into a volume (a role volume such as config or secrets).",
            inner);

    private static bool IsAtOrBelow(string path, string? directory)
    {
        if (string.IsNullOrEmpty(directory))
        {
            return false;
        }

        var p = path.TrimEnd('/');
        var d = directory.TrimEnd('/');
        return p == d || p.StartsWith(d + "/", StringComparison.Ordinal);
    }
}
