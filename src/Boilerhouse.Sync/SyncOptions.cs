namespace Boilerhouse.Sync;

/// <summary>Bounds on sync work (settings BOILERHOUSE_SYNC_CONCURRENCY and BOILERHOUSE_SYNC_TRANSFERS).</summary>
public sealed class SyncOptions
{
    /// <summary>Runs at once across all tenants; more wait their turn.</summary>
    public int MaxConcurrentRuns { get; set; } = 4;

    /// <summary>Objects moved at once within one run.</summary>
    public int TransfersPerRun { get; set; } = 16;
}
