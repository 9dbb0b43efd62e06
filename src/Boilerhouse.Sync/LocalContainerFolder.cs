using Boilerhouse.Core.Containers;
using Boilerhouse.Sync.Limits;

namespace Boilerhouse.Sync;

/// <summary>
/// The regular files under a folder of a container, read straight from its volume's folder on this
/// machine (<see cref="ILocalFolder"/>, link-safe) instead of Docker's archive API: sizes and times
/// come from a listing, and only the files a caller reads are read at all.
/// </summary>
public static class LocalContainerFolder
{
    /// <summary>As <see cref="ContainerFolder.ReadAsync"/>, for the folder <paramref name="below"/> the volume's top ("" for the top).</summary>
    public static async Task ReadAsync(ILocalFolder folder, string below, Func<ContainerFolder.File, Task> onFile)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(onFile);
        foreach (var file in folder.ListFiles(below).Where(f => RelativePaths.IsSafe(f.Path)))
        {
            // Null when it went away, or became a link, since the listing: skipped as the archive skips links.
            if (folder.OpenRead(Join(below, file.Path)) is not { } content)
            {
                continue;
            }

            await using var first = new FirstBytesStream(content, file.Length);
            await onFile(new ContainerFolder.File(file.Path, file.Length, file.Modified, first));
        }
    }

    /// <summary>The path from the volume's top of <paramref name="path"/> in the folder <paramref name="below"/>.</summary>
    public static string Join(string below, string path) => below.Length == 0 ? path : $"{below}/{path}";
}
