using Boilerhouse.Core.Containers;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// Opens a container's state volume on this machine for state sync, under the same conditions as
/// direct config and secret writes (<see cref="LocalVolumeFolders"/>); null means use the archive API.
/// </summary>
internal sealed class LocalStateFolders(EngineConnection engine, LocalVolumeFolders folders)
{
    public async Task<ILocalFolder?> OpenAsync(string containerId, string volumeTarget, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var container = await engine.InspectExistingAsync(containerId, cancellationToken).ConfigureAwait(false);
        return await folders.FolderOfAsync(container, volumeTarget, cancellationToken).ConfigureAwait(false) is { } path
            ? LinkSafeFolder.Of(path)
            : null;
    }
}
