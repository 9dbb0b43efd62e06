namespace Boilerhouse.Client.Models;

/// <summary>A folder of a tenant's state volume and its entries, by name.</summary>
/// <param name="Path">The folder, relative to the state volume (<c>""</c> is its root).</param>
/// <param name="Entries">Its entries.</param>
/// <param name="Truncated">True when it has more than the 10,000 entries listed.</param>
public sealed record FileListing(string Path, IReadOnlyList<FileEntry> Entries, bool Truncated);

/// <summary>One entry of a folder; links are shown with their target and never followed.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Type"><c>file</c>, <c>directory</c>, <c>link</c> or <c>other</c>.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Modified">When it was last changed.</param>
/// <param name="LinkTarget">Where a link points.</param>
public sealed record FileEntry(string Name, string Type, long Size, DateTimeOffset Modified, string? LinkTarget);
