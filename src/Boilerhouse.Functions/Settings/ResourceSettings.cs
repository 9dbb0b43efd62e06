namespace Boilerhouse.Functions.Settings;

/// <summary>
/// Container resource sampling: BOILERHOUSE_STATS_INTERVAL_SECONDS (default 10), BOILERHOUSE_STATS_HISTORY_MINUTES
/// (default 60: one hour of samples per container, pool and host), BOILERHOUSE_STATS_FULL_RESOLUTION_MINUTES
/// (default 10: a container's samples older than this are merged one per minute) and BOILERHOUSE_STATS_CONCURRENCY
/// (stats calls at once per Docker host, default 64: each waits up to a second for the engine's stats tick).
/// </summary>
public sealed record ResourceSettings(TimeSpan SampleInterval, TimeSpan History, int MaxConcurrentReads)
{
    public static ResourceSettings Load(IConfiguration configuration)
    {
        var reader = new SettingsReader(configuration);
        var interval = TimeSpan.FromSeconds(reader.Int("BOILERHOUSE_STATS_INTERVAL_SECONDS", 10, 1, 3600));
        var history = TimeSpan.FromMinutes(reader.Int("BOILERHOUSE_STATS_HISTORY_MINUTES", 60, 1, 1440));
        if (history < interval)
        {
            throw new SettingsException(
                $"BOILERHOUSE_STATS_HISTORY_MINUTES ({history.TotalMinutes} min) must cover at least one BOILERHOUSE_STATS_INTERVAL_SECONDS ({interval.TotalSeconds} s).");
        }

        return new ResourceSettings(interval, history, reader.Int("BOILERHOUSE_STATS_CONCURRENCY", 64, 1, 256))
        {
            FullResolution = TimeSpan.FromMinutes(reader.Int("BOILERHOUSE_STATS_FULL_RESOLUTION_MINUTES", 10, 1, 1440)),
        };
    }

    /// <summary>How far back a container's samples are kept as sampled (older ones: one per minute).</summary>
    public TimeSpan FullResolution { get; init; } = TimeSpan.FromMinutes(10);
}
