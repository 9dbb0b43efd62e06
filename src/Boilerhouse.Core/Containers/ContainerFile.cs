namespace Boilerhouse.Core.Containers;

/// <summary>
/// A file to place at the top of a container's volume (config, a secret). Its content may be a
/// secret, so it has no ToString.
/// </summary>
public sealed class ContainerFile(string name, byte[] content, UnixFileMode mode)
{
    public string Name { get; } = name;
    public byte[] Content { get; } = content;
    public UnixFileMode Mode { get; } = mode;
}
