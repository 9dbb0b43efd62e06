namespace Boilerhouse.Core.Containers;

/// <summary>
/// Implemented by runtimes that can reach a container's volume on this machine: state sync then
/// lists, reads and writes its files directly instead of through Docker's archive API.
/// </summary>
public interface ILocalFolders
{
    /// <summary>
    /// The folder of the volume mounted at <paramref name="volumeTarget"/> in the container, when it is a
    /// local volume that may be used directly (see the runtime's settings); null when only the archive API can.
    /// </summary>
    Task<ILocalFolder?> OpenLocalFolderAsync(string containerId, string volumeTarget, CancellationToken cancellationToken);
}

/// <summary>
/// A volume's folder on this machine. The container may write into it at any time (and plant links or
/// devices), so every path, relative to the volume's top, is resolved one name at a time without ever
/// following a link, and only regular files are read. The caller checks paths are plain (no '..').
/// </summary>
public interface ILocalFolder : IDisposable
{
    /// <summary>The regular files below <paramref name="folder"/> ("" for the top), paths relative to it; none when it does not exist.</summary>
    IReadOnlyList<LocalFile> ListFiles(string folder);

    /// <summary>The content of a regular file, or null when the path is not (any more) one reached without links.</summary>
    Stream? OpenRead(string path);

    /// <summary>
    /// Writes a file under a fresh name and renames it over <paramref name="path"/> (a rename replaces a
    /// link, never follows one); missing folders are made, and anything else in their way replaced, all
    /// owned as <paramref name="attributes"/> say. <paramref name="commit"/> runs once the content is
    /// written and before the rename: it answers the file's modification time, or throws to drop the file.
    /// Several writes may run at once.
    /// </summary>
    Task WriteAsync(string path, Stream content, LocalFileAttributes attributes, Func<DateTimeOffset> commit, CancellationToken cancellationToken);

    /// <summary>Removes a file (or a link in its place); true when it was there.</summary>
    bool Delete(string path);
}

public sealed record LocalFile(string Path, long Length, DateTimeOffset Modified);

public sealed record LocalFileAttributes(int Uid, int Gid, UnixFileMode FileMode, UnixFileMode FolderMode);
