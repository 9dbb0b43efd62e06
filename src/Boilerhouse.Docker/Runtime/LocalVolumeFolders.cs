using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// Finds the folder on this machine of a local volume mounted in a container, when files may be
/// written there directly (see <see cref="DockerEndpoint.DirectVolumeWrites"/>): the engine is
/// local (a unix socket), this process is root, and the engine keeps user ids as they are.
/// </summary>
internal sealed class LocalVolumeFolders(EngineConnection engine)
{
    private bool? keepsUserIds;

    /// <summary>The folder of the local volume mounted exactly at <paramref name="directory"/>, or null.</summary>
    public async Task<string?> FolderOfAsync(ContainerInspectResponse container, string directory, CancellationToken cancellationToken)
    {
        if (!engine.Endpoint.DirectVolumeWrites || engine.Endpoint.Uri.Scheme != "unix" || !Environment.IsPrivilegedProcess)
        {
            return null;
        }

        var mount = container.Mounts?.FirstOrDefault(m =>
            m.Type == "volume" && m.Driver == "local" && m.Destination.TrimEnd('/') == directory.TrimEnd('/'));
        return mount is { Source.Length: > 0 }
            && await EngineKeepsUserIdsAsync(cancellationToken).ConfigureAwait(false)
            && Directory.Exists(mount.Source)
            ? mount.Source
            : null;
    }

    /// <summary>Under a user-namespace remap a container's ids are shifted on disk, which only the engine knows how to do.</summary>
    private async Task<bool> EngineKeepsUserIdsAsync(CancellationToken cancellationToken)
    {
        if (keepsUserIds is { } known)
        {
            return known;
        }

        try
        {
            var info = await engine.Call.RunAsync("read system info", t => engine.Client.System.GetSystemInfoAsync(t), cancellationToken).ConfigureAwait(false);
            keepsUserIds = !(info.SecurityOptions ?? []).Any(o => o.Contains("name=userns", StringComparison.Ordinal));
            return keepsUserIds.Value;
        }
        catch (DockerApiException)
        {
            return false;
        }
    }
}
