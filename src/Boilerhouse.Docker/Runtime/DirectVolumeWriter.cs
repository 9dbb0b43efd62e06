using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Boilerhouse.Core.Containers;
using Microsoft.Win32.SafeHandles;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// Writes files straight into a local volume's folder on this machine: ~8 ms where Docker's archive
/// API costs 40-120 ms a call (the engine re-executes itself to chroot for every copy). The folder
/// may be writable by the container, which could plant a link under a file's name, so every file is
/// created under a fresh name with O_EXCL (never a link), owned and moded on its handle, then renamed
/// over the target: rename replaces a link, it never follows one.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal static partial class DirectVolumeWriter
{
    // CreateNew is O_CREAT|O_EXCL: it fails on any existing entry, a link included.
    private static readonly FileStreamOptions NewFile = new()
    {
        Mode = FileMode.CreateNew,
        Access = FileAccess.Write,
        Share = FileShare.None,
        UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
    };

    /// <summary>Writes files whose names the caller checked are plain (no '/', not '.' or '..').</summary>
    public static void Write(string folder, IReadOnlyList<ContainerFile> files, int uid, int gid)
    {
        foreach (var file in files)
        {
            var temp = Path.Combine(folder, $".bh-{Guid.NewGuid():N}.tmp");
            try
            {
                using (var stream = new FileStream(temp, NewFile))
                {
                    stream.Write(file.Content);
                    Check(Fchown(stream.SafeFileHandle, (uint)uid, (uint)gid), "chown", temp);
                    File.SetUnixFileMode(stream.SafeFileHandle, file.Mode);
                }

                Check(Rename(temp, Path.Combine(folder, file.Name)), "rename", temp);
            }
            catch
            {
                File.Delete(temp);
                throw;
            }
        }
    }

    private static void Check(int result, string operation, string path)
    {
        if (result != 0)
        {
            throw new IOException($"Could not {operation} {path}: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
        }
    }

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static partial int Fchown(SafeFileHandle file, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Rename(string from, string to);
}
