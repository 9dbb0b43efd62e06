using System.Formats.Tar;

namespace Boilerhouse.Docker;

/// <summary>Builds and reads the tar streams that Docker's archive API speaks.</summary>
public static class TarArchive
{
    public const UnixFileMode DirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>
    /// A tar of <paramref name="files"/> (relative paths), positioned at 0. Parent directories get
    /// entries of their own, owned like their first file, so Docker does not create them as root.
    /// </summary>
    public static MemoryStream Create(IEnumerable<TarFileEntry> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            var directories = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var path = Normalize(file.Path);
                foreach (var directory in ParentsOf(path))
                {
                    if (directories.Add(directory))
                    {
                        writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, directory + "/")
                        {
                            Uid = file.Uid,
                            Gid = file.Gid,
                            Mode = DirectoryMode,
                            ModificationTime = file.ModifiedAt,
                        });
                    }
                }

                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path)
                {
                    Uid = file.Uid,
                    Gid = file.Gid,
                    Mode = file.Mode,
                    ModificationTime = file.ModifiedAt,
                    DataStream = new MemoryStream(file.Content.ToArray(), writable: false),
                });
            }
        }

        output.Position = 0;
        return output;
    }

    /// <summary>The regular files in a tar stream, by entry name (e.g. "config/app.json").</summary>
    public static async Task<IReadOnlyDictionary<string, byte[]>> ReadFilesAsync(Stream tar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tar);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
            {
                using var content = new MemoryStream();
                await data.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
                files[entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name] = content.ToArray();
            }
        }

        return files;
    }

    private static string Normalize(string path)
    {
        var normalized = path.Replace('\\', '/').TrimStart('/');
        if (normalized.Length == 0 || normalized.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new ArgumentException($"'{path}' is not a relative file path inside the archive.", nameof(path));
        }

        return normalized;
    }

    private static IEnumerable<string> ParentsOf(string path)
    {
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }
}
