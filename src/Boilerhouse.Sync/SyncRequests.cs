using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Sync;

/// <summary>What asked for a run; it decides which mappings move (see <see cref="SyncEngine"/>).</summary>
public enum SyncTrigger
{
    Claim,
    Release,
    Periodic,
    Manual,
}

/// <summary>Which way a manual run moves data; Both uploads first, then downloads.</summary>
public enum SyncDirection
{
    Upload,
    Download,
    Both,
}

public sealed record SyncScope(string TenantId, string PoolId, string WorkloadId);

/// <summary>The uid and gid that restored files and folders get, so the container's non-root user can use them.</summary>
public sealed record FileOwner(int Uid, int Gid)
{
    public static readonly FileOwner Nobody = new(65534, 65534);
}

public sealed record SyncRunRequest(
    IContainerRuntime Runtime, string ContainerId, SyncSpec Spec, SyncScope Scope, SyncTrigger Trigger, SyncDirection Direction,
    FileOwner? Owner = null);

public sealed record SyncMappingResult(
    string ContainerPath, string SinkPath, string Direction, int FilesTransferred, int FilesSkipped, int FilesDeleted, long BytesTransferred)
{
    /// <summary>Files a save skipped because they can never be stored (limits, key length); the rest was saved.</summary>
    public IReadOnlyList<RefusedFile> Refused { get; init; } = [];
}

/// <summary>A file a save skipped, and why (reported under SYNC_FILES_REFUSED).</summary>
public sealed record RefusedFile(string Path, long Size, string Reason);

public sealed record SyncRunResult(DateTimeOffset StartedAt, DateTimeOffset FinishedAt, IReadOnlyList<SyncMappingResult> Mappings)
{
    public int FilesTransferred => Mappings.Sum(m => m.FilesTransferred);
    public int FilesSkipped => Mappings.Sum(m => m.FilesSkipped);
    public int FilesDeleted => Mappings.Sum(m => m.FilesDeleted);
    public long BytesTransferred => Mappings.Sum(m => m.BytesTransferred);

    public IReadOnlyList<RefusedFile> Refused => [.. Mappings.SelectMany(m => m.Refused)];

    /// <summary>SYNC_FILES_REFUSED when files were skipped (see <see cref="Refused"/>), else null.</summary>
    public string? Code => Mappings.Any(m => m.Refused.Count > 0) ? Boilerhouse.Core.Errors.ErrorCodes.SyncFilesRefused : null;
}
