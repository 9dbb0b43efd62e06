namespace Boilerhouse.Core.Workloads;

/// <summary>
/// What one mapping may save (x-boilerhouse.sync mappings' max_file_size, max_files, max_total_size):
/// files beyond these are skipped and reported (SYNC_FILES_REFUSED), the rest is saved, so a tenant
/// can never make its own release fail forever.
/// </summary>
public sealed record SyncLimits(long MaxFileSize, int MaxFiles, long MaxTotalSize)
{
    /// <summary>1 GiB per file, 50,000 files, 10 GiB in all.</summary>
    public static readonly SyncLimits Default = new(1L << 30, 50_000, 10L << 30);
}
