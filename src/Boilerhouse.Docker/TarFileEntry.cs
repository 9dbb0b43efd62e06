namespace Boilerhouse.Docker;

/// <summary>
/// One file for <see cref="TarArchive.Create"/>. Owner and mode travel in the tar header and Docker
/// keeps them on extraction, so files for a non-root container must be readable by its user
/// (the default is nobody:nogroup, 0644).
/// </summary>
public sealed record TarFileEntry(string Path, ReadOnlyMemory<byte> Content)
{
    public const int Nobody = 65534;

    public const UnixFileMode ReadableFile =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public int Uid { get; init; } = Nobody;

    public int Gid { get; init; } = Nobody;

    public UnixFileMode Mode { get; init; } = ReadableFile;

    public DateTimeOffset ModifiedAt { get; init; } = DateTimeOffset.UnixEpoch;
}
