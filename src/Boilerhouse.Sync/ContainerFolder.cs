using System.Formats.Tar;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;

namespace Boilerhouse.Sync;

/// <summary>
/// The regular files under a folder of a container, read as the tar stream of Docker's archive API
/// (so remote hosts work), one entry at a time. Symlinks, devices and unsafe names are skipped.
/// </summary>
public static class ContainerFolder
{
    public sealed record File(string Path, long Length, DateTimeOffset Modified, Stream Content);

    /// <summary>Calls <paramref name="onFile"/> for each file, in tar order; a folder that does not exist has no files.</summary>
    /// <param name="wrap">Wraps the archive stream (to meter or cap the read).</param>
    public static async Task ReadAsync(
        IContainerRuntime runtime, string containerId, string folder, Func<File, Task> onFile, CancellationToken cancellationToken,
        Func<Stream, Stream>? wrap = null)
    {
        Stream archive;
        try
        {
            archive = await runtime.GetArchiveAsync(containerId, folder, cancellationToken);
            archive = wrap?.Invoke(archive) ?? archive;
        }
        catch (BoilerhouseException e) when (e.Code == ErrorCodes.ContainerPathNotFound)
        {
            return;
        }

        await using (archive)
        {
            using var reader = new TarReader(archive);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    continue;
                }

                // Docker names entries after the folder itself: "state/notes/a.json" for /state.
                var slash = entry.Name.IndexOf('/', StringComparison.Ordinal);
                var path = slash < 0 ? "" : entry.Name[(slash + 1)..];
                if (RelativePaths.IsSafe(path))
                {
                    await onFile(new File(path, entry.Length, entry.ModificationTime, entry.DataStream));
                }
            }
        }
    }
}
