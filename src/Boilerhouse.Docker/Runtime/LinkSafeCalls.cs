using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// The *at system calls <see cref="LinkSafeFolder"/> walks a folder with: each name is resolved
/// relative to an open folder, with O_NOFOLLOW, so no link on the way is ever followed.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static partial class LinkSafeCalls
{
    public const int ReadOnly = 0;
    public const int WriteOnly = 1;
    public const int Create = 0x40;
    public const int Exclusive = 0x80;
    public const int NoControllingTerminal = 0x100;
    public const int CloseOnExec = 0x80000;
    public const int PathOnly = 0x200000;
    public const int SymlinkNoFollow = 0x100;
    public const int RemoveFolder = 0x200;
    public const int EmptyPath = 0x1000;

    public const int NoEntry = 2;
    public const int Exists = 17;
    public const int NotFolder = 20;
    public const int IsFolder = 21;
    public const int TooManyLinks = 40;

    // These two differ between architectures (asm-generic vs x86).
    public static readonly int Folder = IsArm ? 0x4000 : 0x10000;
    public static readonly int NoFollow = IsArm ? 0x8000 : 0x20000;

    // AT_FDCWD: only used with absolute paths the host chose.
    private static readonly SafeFileHandle CurrentFolder = new(-100, ownsHandle: false);

    private static bool IsArm => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    public enum EntryType
    {
        Missing,
        File,
        Folder,
        Other,
    }

    public readonly record struct Entry(EntryType Type, long Length, DateTimeOffset Modified);

    /// <summary>Opens <paramref name="name"/> below <paramref name="folder"/>; a negative errno instead of a handle on failure.</summary>
    public static (SafeFileHandle? Handle, int Error) Open(SafeFileHandle folder, string name, int flags, UnixFileMode mode = 0)
    {
        var fd = OpenAt(folder, name, flags | CloseOnExec | NoFollow, (uint)mode);
        return fd < 0 ? (null, Marshal.GetLastPInvokeError()) : (new SafeFileHandle(fd, ownsHandle: true), 0);
    }

    /// <summary>Opens again, for reading, the very file a path-only handle holds (a device's open is never reached).</summary>
    public static SafeFileHandle? Reopen(SafeFileHandle pathOnly)
    {
        var fd = OpenAt(CurrentFolder, $"/proc/self/fd/{pathOnly.DangerousGetHandle()}", ReadOnly | NoControllingTerminal | CloseOnExec, 0);
        return fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
    }

    public static SafeFileHandle OpenTop(string path)
    {
        var fd = OpenAt(CurrentFolder, path, ReadOnly | Folder | CloseOnExec, 0);
        return fd < 0 ? throw Failure("open", path) : new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>What <paramref name="name"/> is (a link counts as Other), without following it; "" for the folder itself.</summary>
    public static Entry Stat(SafeFileHandle folder, string name)
    {
        Span<byte> buffer = stackalloc byte[256];
        int result;
        unsafe
        {
            fixed (byte* statx = buffer)
            {
                // STATX_TYPE | STATX_MTIME | STATX_SIZE
                result = StatX(folder, name, SymlinkNoFollow | (name.Length == 0 ? EmptyPath : 0), 0x1 | 0x40 | 0x200, statx);
            }
        }

        if (result != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error is NoEntry or NotFolder ? new Entry(EntryType.Missing, 0, default) : throw Failure("stat", name, error);
        }

        // struct statx: stx_mode (u16) at 28, stx_size (u64) at 40, stx_mtime.tv_sec (s64) at 112.
        var type = BitConverter.ToUInt16(buffer[28..30]) & 0xF000;
        var modified = DateTimeOffset.FromUnixTimeSeconds(BitConverter.ToInt64(buffer[112..120]));
        return new Entry(type switch { 0x8000 => EntryType.File, 0x4000 => EntryType.Folder, _ => EntryType.Other },
            BitConverter.ToInt64(buffer[40..48]), modified);
    }

    public static int MakeFolder(SafeFileHandle folder, string name, UnixFileMode mode) =>
        MkdirAt(folder, name, (uint)mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int Remove(SafeFileHandle folder, string name, int flags = 0) =>
        UnlinkAt(folder, name, flags) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static int Rename(SafeFileHandle folder, string from, string to) =>
        RenameAt(folder, from, folder, to) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static void Own(SafeFileHandle handle, int uid, int gid, string what)
    {
        if (Fchown(handle, (uint)uid, (uint)gid) != 0)
        {
            throw Failure("chown", what);
        }
    }

    public static IOException Failure(string operation, string path, int? error = null) =>
        new($"Could not {operation} {path}: {new Win32Exception(error ?? Marshal.GetLastPInvokeError()).Message}");

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenAt(SafeFileHandle folder, string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatX(SafeFileHandle folder, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkdirAt(SafeFileHandle folder, string path, uint mode);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnlinkAt(SafeFileHandle folder, string path, int flags);

    [LibraryImport("libc", EntryPoint = "renameat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt(SafeFileHandle fromFolder, string from, SafeFileHandle toFolder, string to);

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static partial int Fchown(SafeFileHandle file, uint owner, uint group);
}
