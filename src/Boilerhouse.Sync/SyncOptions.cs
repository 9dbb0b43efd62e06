namespace Boilerhouse.Sync;

/// <summary>Bounds on sync work (settings BOILERHOUSE_SYNC_CONCURRENCY and BOILERHOUSE_SYNC_TRANSFERS).</summary>
public sealed class SyncOptions
{
    /// <summary>Runs at once across all tenants; more wait their turn.</summary>
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
}
