using System.Runtime.InteropServices;
using Boilerhouse.Core.Errors;
using Microsoft.Win32.SafeHandles;

namespace Boilerhouse.Sync.Sinks.Posix;

/// <summary>
/// A folder tree whose content is untrusted: every path is walked one component at a time from an
/// open folder with O_NOFOLLOW, so no link (planted, or swapped in mid-walk) is ever followed, and
/// only regular files and folders are accepted. A link or special file where a file or folder should
/// be fails clearly (SYNC_FAILED naming it). The root itself is the operator's setting and trusted.
/// </summary>
internal sealed class NoFollowTree(string root)
{
    private const int FolderMode = 0x1FF; // 0777, narrowed by the umask as mkdir does
    private const int FileMode = 0x1B6; // 0666, narrowed by the umask

    public string Root { get; } = root;

    /// <summary>The regular files under <paramref name="folder"/> (relative to the root, '' for the root) with their sizes; never descends into links.</summary>
    public IEnumerable<(string Path, long Size)> Files(string folder)
    {
        using var start = OpenFolder(Segments(folder), create: false);
        if (start is null)
        {
            yield break;
        }

        foreach (var file in Walk(start, folder))
        {
            yield return file;
        }
    }

    /// <summary>The file's content, or null when it (or a folder on its way) does not exist.</summary>
    public Stream? OpenRead(string path)
    {
        var (folders, name) = Split(path);
        using var folder = OpenFolder(folders, create: false);
        if (folder is null)
        {
            return null;
        }

        // O_NONBLOCK: a FIFO planted under the name must not hang the open; it is refused just below.
        var fd = LibC.openat(Fd(folder), name, LibC.O_RDONLY | LibC.O_NOFOLLOW | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError() switch
            {
                LibC.ENOENT => null,
                LibC.ELOOP => throw Refused(path),
                var errno => throw Failure(path, errno),
            };
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (KindOf(fd, "", LibC.AT_EMPTY_PATH, out _) != EntryKind.File)
        {
            handle.Dispose();
            throw Refused(path);
        }

        return new FileStream(handle, FileAccess.Read, 81920);
    }

    /// <summary>Writes the file through a temp file in the same folder, then renames it over the name (never through a link).</summary>
    public async Task WriteAsync(string path, string tempName, Stream content, CancellationToken cancellationToken)
    {
        var (folders, name) = Split(path);
        using var folder = OpenFolder(folders, create: true)!;
        var dirfd = Fd(folder);
        if (KindOf(dirfd, name, LibC.AT_SYMLINK_NOFOLLOW, out _) is not (EntryKind.Missing or EntryKind.File))
        {
            throw Refused(path);
        }

        var fd = LibC.openat(dirfd, tempName, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, FileMode);
        if (fd < 0)
        {
            throw Failure(path, Marshal.GetLastPInvokeError());
        }

        try
        {
            await using (var file = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, 81920))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }

            if (LibC.renameat(dirfd, tempName, dirfd, name) != 0)
            {
                throw Failure(path, Marshal.GetLastPInvokeError());
            }
        }
        catch
        {
            LibC.unlinkat(dirfd, tempName, 0);
            throw;
        }
    }

    /// <summary>Deletes the file if it is there, then the folders it leaves empty (never the root).</summary>
    public void Delete(string path)
    {
        var (folders, name) = Split(path);
        var chain = new List<SafeFileHandle>();
        try
        {
            if (OpenFolder(folders, create: false, chain) is null)
            {
                return;
            }

            var dirfd = Fd(chain[^1]);
            switch (KindOf(dirfd, name, LibC.AT_SYMLINK_NOFOLLOW, out _))
            {
                case EntryKind.Missing:
                    return;
                case EntryKind.File:
                    if (LibC.unlinkat(dirfd, name, 0) != 0 && Marshal.GetLastPInvokeError() != LibC.ENOENT)
                    {
                        throw Failure(path, Marshal.GetLastPInvokeError());
                    }

                    break;
                default:
                    throw Refused(path);
            }

            // rmdir of a folder that is not empty fails: that is where pruning stops.
            for (var i = folders.Length - 1; i >= 0; i--)
            {
                if (LibC.unlinkat(Fd(chain[i]), folders[i], LibC.AT_REMOVEDIR) != 0)
                {
                    break;
                }
            }
        }
        finally
        {
            chain.ForEach(h => h.Dispose());
        }
    }

    private IEnumerable<(string Path, long Size)> Walk(SafeFileHandle folder, string relative)
    {
        var dirfd = Fd(folder);
        // /proc/self/fd/N is the folder already open, whatever its path now points at.
        var names = Directory.EnumerateFileSystemEntries($"/proc/self/fd/{dirfd}", "*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false })
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var name in names)
        {
            var path = relative.Length == 0 ? name! : $"{relative}/{name}";
            switch (KindOf(dirfd, name!, LibC.AT_SYMLINK_NOFOLLOW, out var size))
            {
                case EntryKind.Missing:
                    continue;
                case EntryKind.File:
                    yield return (path, size);
                    break;
                case EntryKind.Folder:
                    using (var child = OpenChild(dirfd, name!, path))
                    {
                        if (child is null)
                        {
                            continue;
                        }

                        foreach (var file in Walk(child, path))
                        {
                            yield return file;
                        }
                    }

                    break;
                default:
                    throw Refused(path);
            }
        }
    }

    private SafeFileHandle? OpenFolder(string[] segments, bool create, List<SafeFileHandle>? chain = null)
    {
        if (create)
        {
            Directory.CreateDirectory(Root);
        }

        var fd = LibC.open(Root, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_CLOEXEC, 0);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError() == LibC.ENOENT ? null : throw Failure("", Marshal.GetLastPInvokeError());
        }

        var current = new SafeFileHandle(fd, ownsHandle: true);
        chain?.Add(current);
        for (var i = 0; i < segments.Length; i++)
        {
            var path = string.Join('/', segments[..(i + 1)]);
            if (create && LibC.mkdirat(Fd(current), segments[i], FolderMode) != 0 && Marshal.GetLastPInvokeError() != LibC.EEXIST)
            {
                Release(current, chain);
                throw Failure(path, Marshal.GetLastPInvokeError());
            }

            SafeFileHandle? next;
            try
            {
                next = OpenChild(Fd(current), segments[i], path);
            }
            finally
            {
                Release(current, chain);
            }

            if (next is null)
            {
                return null;
            }

            chain?.Add(next);
            current = next;
        }

        return current;
    }

    private SafeFileHandle? OpenChild(int dirfd, string name, string path)
    {
        var fd = LibC.openat(dirfd, name, LibC.O_RDONLY | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0);
        if (fd >= 0)
        {
            return new SafeFileHandle(fd, ownsHandle: true);
        }

        return Marshal.GetLastPInvokeError() switch
        {
            LibC.ENOENT => null,
            LibC.ELOOP or LibC.ENOTDIR => throw Refused(path),
            var errno => throw Failure(path, errno),
        };
    }

    private static EntryKind KindOf(int dirfd, string name, int flags, out long size)
    {
        var buffer = new byte[LibC.StatxSize];
        size = 0;
        if (LibC.statx(dirfd, name, flags, LibC.STATX_TYPE | LibC.STATX_SIZE, buffer) != 0)
        {
            return Marshal.GetLastPInvokeError() == LibC.ENOENT ? EntryKind.Missing : throw new IOException($"statx failed (errno {Marshal.GetLastPInvokeError()})");
        }

        size = BitConverter.ToInt64(buffer, LibC.StatxSizeOffset);
        return (BitConverter.ToUInt16(buffer, LibC.StatxModeOffset) & LibC.S_IFMT) switch
        {
            LibC.S_IFREG => EntryKind.File,
            LibC.S_IFDIR => EntryKind.Folder,
            LibC.S_IFLNK => EntryKind.Link,
            _ => EntryKind.Other,
        };
    }

    /// <summary>Only the chain (when kept) owns the handles it holds; others are closed as soon as the next step is open.</summary>
    private static void Release(SafeFileHandle handle, List<SafeFileHandle>? chain)
    {
        if (chain is null)
        {
            handle.Dispose();
        }
    }

    private static int Fd(SafeFileHandle handle) => (int)handle.DangerousGetHandle();

    private static string[] Segments(string folder) => folder.Length == 0 ? [] : folder.Split('/');

    private static (string[] Folders, string Name) Split(string path)
    {
        var segments = path.Split('/');
        return (segments[..^1], segments[^1]);
    }

    private BoilerhouseException Refused(string path) => new(ErrorCodes.SyncFailed,
        $"'{path}' in the local sink {Root} is a link or not a regular file or folder; sink content is untrusted and links are never followed. Remove it from the sink.");

    private IOException Failure(string path, int errno) => new($"'{path}' in the local sink {Root}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");

    private enum EntryKind
    {
        Missing,
        File,
        Folder,
        Link,
        Other,
    }
}
