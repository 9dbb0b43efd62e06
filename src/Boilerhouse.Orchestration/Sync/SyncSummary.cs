using System.Text.Json.Serialization;
using Boilerhouse.Sync;

namespace Boilerhouse.Orchestration.Sync;

/// <summary>What one sync run moved: the checkpointed output of a sync step and the body of a sync's answer.</summary>
public sealed record SyncSummary(
    string Trigger, string Direction, DateTimeOffset StartedAt, DateTimeOffset FinishedAt,
    int FilesTransferred, int FilesSkipped, int FilesDeleted, long BytesTransferred)
{
    /// <summary>SYNC_FILES_REFUSED when a save skipped files that can never be stored (listed in <see cref="Refused"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Code { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RefusedFile>? Refused { get; init; }

    public static SyncSummary From(SyncRunResult result, SyncTrigger trigger, SyncDirection direction) => new(
        Name(trigger), Name(direction), result.StartedAt, result.FinishedAt,
        result.FilesTransferred, result.FilesSkipped, result.FilesDeleted, result.BytesTransferred)
    {
        Code = result.Code,
        Refused = result.Refused.Count > 0 ? result.Refused : null,
    };

    public static string Name(SyncTrigger trigger) => trigger.ToString().ToLowerInvariant();

    public static string Name(SyncDirection direction) => direction.ToString().ToLowerInvariant();
}
