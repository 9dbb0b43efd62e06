namespace Boilerhouse.Core.Shell;

/// <summary>One entry of a volume as the engine sees it, links not followed.</summary>
public sealed record VolumeEntry(string Name, VolumeEntryType Type, long Size, DateTimeOffset Modified, string? LinkTarget);

public enum VolumeEntryType
{
    File,
    Directory,
    Link,
    Other,
}
