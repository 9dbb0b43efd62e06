using System.Runtime.InteropServices;

namespace Boilerhouse.Sync.Sinks.Posix;

/// <summary>
/// The few Linux calls that let a folder be walked without ever following a link: every step is
/// relative to an already-open folder (the *at calls), so a link swapped in between a check and a
/// use is never taken. Flag values differ between x64 and arm64.
/// </summary>
internal static class LibC
{
    public const int ENOENT = 2;
    public const int EEXIST = 17;
    public const int ENOTDIR = 20;
    public const int ENOTEMPTY = 39;
    public const int ELOOP = 40;

    public const int O_RDONLY = 0;
    public const int O_WRONLY = 1;
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;

    public static readonly int O_DIRECTORY = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x4000 : 0x10000;
    public static readonly int O_NOFOLLOW = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;

    public const int AT_SYMLINK_NOFOLLOW = 0x100;
    public const int AT_REMOVEDIR = 0x200;
    public const int AT_EMPTY_PATH = 0x1000;

    public const uint STATX_TYPE = 0x1;
    public const uint STATX_SIZE = 0x200;

    public const int S_IFMT = 0xF000;
    public const int S_IFREG = 0x8000;
    public const int S_IFDIR = 0x4000;
    public const int S_IFLNK = 0xA000;

    /// <summary>struct statx has one layout on every Linux architecture; these are the offsets we read.</summary>
    public const int StatxSize = 256;
    public const int StatxModeOffset = 0x1C;
    public const int StatxSizeOffset = 0x28;

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    public static extern int open(string path, int flags, int mode);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    public static extern int openat(int dirfd, string path, int flags, int mode);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    public static extern int mkdirat(int dirfd, string path, int mode);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    public static extern int renameat(int olddirfd, string oldpath, int newdirfd, string newpath);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    public static extern int unlinkat(int dirfd, string path, int flags);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    public static extern int statx(int dirfd, string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    public static extern int close(int fd);
}
