namespace Boilerhouse.Sync;

/// <summary>
/// Bounds on sync work (settings BOILERHOUSE_SYNC_CONCURRENCY, BOILERHOUSE_SYNC_TRANSFERS,
/// BOILERHOUSE_SYNC_SPOOL_FOLDER and BOILERHOUSE_SYNC_SPOOL_LIMIT).
/// </summary>
public sealed class SyncOptions
{
    /// <summary>Runs at once across all tenants; more wait their turn (restores first, see <see cref="Limits.SyncSlots"/>).</summary>
    public int MaxConcurrentRuns { get; set; } = 4;

    /// <summary>Objects moved at once within one run.</summary>
    public int TransfersPerRun { get; set; } = 16;

    /// <summary>
    /// Checks restores against the manifest's SHA-256 and has stores check uploads (Content-MD5).
    /// Always on in the host; the benchmark turns it off to measure what it costs.
    /// </summary>
    public bool VerifyIntegrity { get; set; } = true;

    /// <summary>Test-only crash hook, called after a save's data and before its final manifest; never set in production.</summary>
    public Action? BeforeFinalManifest { get; set; }
    /// <summary>Where files too big for memory wait to be sent.</summary>
    public string SpoolFolder { get; set; } = Path.Combine(Path.GetTempPath(), "boilerhouse-spool");

    /// <summary>Bytes the spool folder may hold across all runs; also the largest file that can be synced.</summary>
    public long SpoolLimit { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Time a save may spend reading one container folder; what is not read by then is reported as refused.</summary>
    public TimeSpan FolderReadTime { get; set; } = TimeSpan.FromSeconds(60);
}
