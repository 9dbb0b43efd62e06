using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// Writes flat files (config, secrets) into a volume of a container: straight into the volume's
/// folder when <see cref="LocalVolumeFolders"/> allows it (~8 ms), else as a tar through
/// <see cref="ContainerArchives"/> (40-120 ms, but works on remote engines).
/// </summary>
internal sealed class ContainerFileWriter(EngineConnection engine, LocalVolumeFolders folders, ContainerArchives archives)
{
    public async Task WriteAsync(string containerId, string directory, IReadOnlyList<ContainerFile> files, int uid, int gid, CancellationToken cancellationToken)
    {
        if (files.FirstOrDefault(f => f.Name.Length == 0 || f.Name.Contains('/', StringComparison.Ordinal) || f.Name is "." or "..") is { } bad)
        {
            // Both ways below write into the volume's top folder, and nowhere else.
            throw new ArgumentException($"'{bad.Name}' is not a plain file name.", nameof(files));
        }

        var container = await engine.InspectExistingAsync(containerId, cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows() && await folders.FolderOfAsync(container, directory, cancellationToken).ConfigureAwait(false) is { } folder)
        {
            try
            {
                DirectVolumeWriter.Write(folder, files, uid, gid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BoilerhouseException(ErrorCodes.ContainerFailed, $"Could not write files into {directory} of container {containerId}: {e.Message}", e);
            }

            DockerLog.FilesWrittenDirectly(engine.Logger, files.Count, directory, container.ID);
            return;
        }

        var now = engine.Time.GetUtcNow();
        using var tar = TarArchive.Create(files.Select(f => new TarFileEntry(f.Name, f.Content) { Uid = uid, Gid = gid, Mode = f.Mode, ModifiedAt = now }));
        await archives.PutAsync(container, directory, tar, cancellationToken).ConfigureAwait(false);
    }
}
