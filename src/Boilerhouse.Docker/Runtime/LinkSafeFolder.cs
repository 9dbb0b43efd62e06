using System.IO.Enumeration;
using System.Runtime.Versioning;
using Boilerhouse.Core.Containers;
using Microsoft.Win32.SafeHandles;
using static Boilerhouse.Docker.Runtime.LinkSafeCalls;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// A local volume's folder, used directly by state sync (see <see cref="ILocalFolder"/>). The
/// container can change it at any moment, so every path is walked from the open top folder one
/// name at a time with O_NOFOLLOW: a link planted anywhere on the way stops the walk instead of
/// leading out of the volume. Files are read only when they are regular files, and written under a
/// fresh name (O_EXCL) that is renamed over the target.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class LinkSafeFolder(SafeFileHandle top) : ILocalFolder
{
    // Deeper folders than this are not listed (the archive path has no such bound, but no state needs it).
    private const int MaxDepth = 64;

    // Folders a write has made or taken over in this run, by path: each is owned and moded once.
    private readonly Dictionary<string, SafeFileHandle> _writeFolders = new(StringComparer.Ordinal);

    public static LinkSafeFolder Of(string path) => new(OpenTop(path));

    public IReadOnlyList<LocalFile> ListFiles(string folder)
    {
        var files = new List<LocalFile>();
        using var start = OpenFolder(folder.Length == 0 ? [] : folder.Split('/'));
        if (start is not null)
        {
            List(start, "", files, 0);
        }

        return files;
    }

    public Stream? OpenRead(string path)
    {
        var (folders, name) = Split(path);
        using var parent = OpenFolder(folders);
        if (parent is null)
        {
            return null;
        }

        var (handle, _) = Open(parent, name, PathOnly);
        using (handle)
        {
            if (handle is null || Stat(handle, "").Type != EntryType.File || Reopen(handle) is not { } file)
            {
                return null;
            }

            return new FileStream(file, FileAccess.Read, 0);
        }
    }

    public async Task WriteAsync(string path, Stream content, LocalFileAttributes attributes, Func<DateTimeOffset> commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(commit);
        var (folders, name) = Split(path);
        SafeFileHandle parent;
        lock (_writeFolders)
        {
            parent = WriteFolder(folders, attributes);
        }

        var temp = $".bh-{Guid.NewGuid():N}.tmp";
        var (handle, error) = Open(parent, temp, WriteOnly | Create | Exclusive, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (handle is null)
        {
            throw Failure("create a file for", path, error);
        }

        try
        {
            await using (var stream = new FileStream(handle, FileAccess.Write, 0))
            {
                Own(handle, attributes.Uid, attributes.Gid, path);
                File.SetUnixFileMode(handle, attributes.FileMode);
                await content.CopyToAsync(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                File.SetLastWriteTimeUtc(handle, commit().UtcDateTime);
            }

            if (Rename(parent, temp, name) is var renamed and not 0)
            {
                throw Failure("rename a file over", path, renamed);
            }
        }
        catch
        {
            Remove(parent, temp);
            throw;
        }
    }

    public bool Delete(string path)
    {
        var (folders, name) = Split(path);
        using var parent = OpenFolder(folders);
        return parent is not null && Remove(parent, name) switch
        {
            0 => true,
            NoEntry or NotFolder or IsFolder => false,
            var error => throw Failure("delete", path, error),
        };
    }

    public void Dispose()
    {
        foreach (var folder in _writeFolders.Values)
        {
            folder.Dispose();
        }

        top.Dispose();
    }

    private static void List(SafeFileHandle folder, string prefix, List<LocalFile> files, int depth)
    {
        foreach (var name in Names(folder))
        {
            var entry = Stat(folder, name);
            if (entry.Type == EntryType.File)
            {
                files.Add(new LocalFile(prefix + name, entry.Length, entry.Modified));
            }
            else if (entry.Type == EntryType.Folder && depth < MaxDepth && Open(folder, name, ReadOnly | Folder).Handle is { } below)
            {
                using (below)
                {
                    List(below, $"{prefix}{name}/", files, depth + 1);
                }
            }
        }
    }

    /// <summary>The names in an open folder, read through its handle (no path is resolved again).</summary>
    private static List<string> Names(SafeFileHandle folder) =>
    [
        .. new FileSystemEnumerable<string>(
            $"/proc/self/fd/{folder.DangerousGetHandle()}",
            (ref FileSystemEntry entry) => entry.FileName.ToString(),
            new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = true }),
    ];

    /// <summary>The folder reached through <paramref name="names"/> without links, or null when there is none.</summary>
    private SafeFileHandle? OpenFolder(IReadOnlyList<string> names)
    {
        var (current, _) = Open(top, ".", ReadOnly | Folder);
        foreach (var name in names)
        {
            if (current is null)
            {
                return null;
            }

            var (next, _) = Open(current, name, ReadOnly | Folder);
            current.Dispose();
            current = next;
        }

        return current;
    }

    /// <summary>
    /// The folder a write goes into: missing folders are made and a link or file in the way is removed
    /// (as Docker's archive extraction does), each folder owned and moded like the files.
    /// </summary>
    private SafeFileHandle WriteFolder(IReadOnlyList<string> names, LocalFileAttributes attributes)
    {
        var current = top;
        var path = "";
        foreach (var name in names)
        {
            path = path.Length == 0 ? name : $"{path}/{name}";
            if (!_writeFolders.TryGetValue(path, out var next))
            {
                next = TakeFolder(current, name, path, attributes);
                _writeFolders[path] = next;
            }

            current = next;
        }

        return current;
    }

    private static SafeFileHandle TakeFolder(SafeFileHandle parent, string name, string path, LocalFileAttributes attributes)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var (folder, error) = Open(parent, name, ReadOnly | Folder);
            if (folder is not null)
            {
                Own(folder, attributes.Uid, attributes.Gid, path);
                File.SetUnixFileMode(folder, attributes.FolderMode);
                return folder;
            }

            var fixing = error switch
            {
                NoEntry => MakeFolder(parent, name, attributes.FolderMode),
                TooManyLinks or NotFolder => Remove(parent, name),
                _ => error,
            };
            if (fixing is not (0 or Exists or NoEntry))
            {
                throw Failure("make the folder", path, fixing);
            }
        }

        throw new IOException($"Could not make the folder {path}: something kept replacing it.");
    }

    private static (string[] Folders, string Name) Split(string path)
    {
        var names = path.Split('/');
        return (names[..^1], names[^1]);
    }
}
