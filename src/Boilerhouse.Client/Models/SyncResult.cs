using System.Text.Json;

namespace Boilerhouse.Client.Models;

/// <summary>Which way a tenant's state moves in a manual sync.</summary>
public enum SyncDirection
{
    /// <summary>Container to sink, then sink to container.</summary>
    Both,

    /// <summary>Container to sink.</summary>
    Upload,

    /// <summary>Sink to container.</summary>
    Download,
}

/// <summary>A finished sync run.</summary>
/// <param name="Trigger">What started it (<c>manual</c>, <c>periodic</c>, ...).</param>
/// <param name="Direction">Which way it moved state.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="FilesTransferred">Files moved.</param>
/// <param name="FilesSkipped">Files already in place.</param>
/// <param name="FilesDeleted">Files deleted at the destination.</param>
/// <param name="BytesTransferred">Bytes moved.</param>
/// <param name="Code"><c>SYNC_FILES_REFUSED</c> when files were skipped because they can never be stored.</param>
/// <param name="Refused">Those files, with their size and reason.</param>
public sealed record SyncResult(
    string Trigger, string Direction, DateTimeOffset StartedAt, DateTimeOffset FinishedAt,
    int FilesTransferred, int FilesSkipped, int FilesDeleted, long BytesTransferred, string? Code, JsonElement? Refused);
