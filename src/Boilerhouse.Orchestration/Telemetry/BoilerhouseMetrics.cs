using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Telemetry;

/// <summary>
/// Boilerhouse's own metrics, all on one Meter. Instrument names and units follow OpenTelemetry and
/// come out of the Prometheus exporter as <c>boilerhouse_*</c> with base units and <c>_total</c>
/// (e.g. boilerhouse.claim.duration in "s" is boilerhouse_claim_duration_seconds). What finishes
/// is also counted in <see cref="RecentCounts"/> for the stats API.
/// </summary>
public sealed class BoilerhouseMetrics
{
    public const string MeterName = "Boilerhouse";

    // Claims are milliseconds when warm and up to minutes when cold or restoring a large state.
    private static readonly IReadOnlyList<double> DurationBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private static readonly IReadOnlyList<double> PingBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly RecentCounts _recent;
    private readonly Counter<long> _orchestrations;
    private readonly Counter<long> _claims;
    private readonly Dictionary<string, Histogram<double>> _orchestrationDurations;
    private readonly Counter<long> _activityRetries;
    private readonly Histogram<double> _syncDuration;
    private readonly Counter<long> _syncBytes;
    private readonly Counter<long> _syncFiles;
    private readonly Histogram<double> _hostPing;
    private readonly ConcurrentDictionary<string, bool> _hostsUp = new(StringComparer.Ordinal);

    public BoilerhouseMetrics(IMeterFactory meterFactory, PoolCensus pools, RecentCounts recent)
    {
        _recent = recent;
        var meter = meterFactory.Create(MeterName);
        _orchestrations = meter.CreateCounter<long>("boilerhouse.orchestrations", "{instance}",
            "Orchestration instances that ended, by orchestration and status (completed, failed, terminated).");
        _claims = meter.CreateCounter<long>("boilerhouse.claims", "{claim}",
            "Claim instances that ended, by pool and outcome (completed, failed, terminated).");
        _orchestrationDurations = new(StringComparer.Ordinal)
        {
            [ClaimOrchestration.Name] = Duration(meter, "boilerhouse.claim.duration", "How long claims ran, from start to end, by pool and outcome."),
            [ReleaseOrchestration.Name] = Duration(meter, "boilerhouse.release.duration", "How long releases ran, from start to end, by pool and outcome."),
        };
        _activityRetries = meter.CreateCounter<long>("boilerhouse.activity.retries", "{retry}",
            "Activity attempts that were retries of a failed attempt, by activity.");
        _syncDuration = Duration(meter, "boilerhouse.sync.duration",
            "How long sync runs (claim restores, release saves, periodic and requested syncs) took, by pool, direction and outcome.");
        _syncBytes = meter.CreateCounter<long>("boilerhouse.sync.bytes", "By",
            "Bytes sync runs transferred, by pool and direction.");
        _syncFiles = meter.CreateCounter<long>("boilerhouse.sync.files", "{file}",
            "Files sync runs transferred, by pool and direction.");
        _hostPing = meter.CreateHistogram<double>("boilerhouse.host.ping.duration", "s",
            "How long Docker hosts took to answer the health check's ping, by host.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = PingBuckets });
        meter.CreateObservableGauge<int>("boilerhouse.host.up", ObserveHosts, null,
            "1 when the Docker host answered its last health check, 0 when it did not, by host.");
        meter.CreateObservableGauge<int>("boilerhouse.pool.containers", () => ObservePools(pools), "{container}",
            "A pool's containers by state (starting, warm, claimed, unhealthy, removing), as its grain last reported them.");
    }

    /// <summary>An orchestration instance ended (recorded once per run, resumed runs included).</summary>
    public void OrchestrationEnded(string orchestration, string? poolId, OrchestrationRuntimeStatus status, TimeSpan elapsed)
    {
        var outcome = status.ToString().ToLowerInvariant();
        var pool = poolId ?? "";
        _orchestrations.Add(1, new("orchestration", orchestration), new("status", outcome));
        if (orchestration == ClaimOrchestration.Name)
        {
            _claims.Add(1, new("pool", pool), new("outcome", outcome));
        }

        if (_orchestrationDurations.TryGetValue(orchestration, out var duration))
        {
            duration.Record(elapsed.TotalSeconds, new("pool", pool), new("outcome", outcome));
        }

        _recent.Add(RecentCounts.Key(orchestration, outcome));
    }

    public void ActivityRetried(string activity) => _activityRetries.Add(1, new KeyValuePair<string, object?>("activity", activity));

    public void SyncEnded(string poolId, string direction, bool succeeded, TimeSpan elapsed, long bytes, int files)
    {
        var outcome = succeeded ? "succeeded" : "failed";
        var pool = new KeyValuePair<string, object?>("pool", poolId);
        var way = new KeyValuePair<string, object?>("direction", direction);
        _syncDuration.Record(elapsed.TotalSeconds, pool, way, new("outcome", outcome));
        _syncBytes.Add(bytes, pool, way);
        _syncFiles.Add(files, pool, way);
        _recent.Add(RecentCounts.Key(RecentCounts.SyncRuns, outcome));
    }

    /// <summary>A health check of a Docker host: its ping latency, or null when it did not answer.</summary>
    public void HostChecked(string hostId, TimeSpan? pingLatency)
    {
        _hostsUp[hostId] = pingLatency is not null;
        if (pingLatency is { } latency)
        {
            _hostPing.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("host", hostId));
        }
    }

    private static Histogram<double> Duration(Meter meter, string name, string description) =>
        meter.CreateHistogram<double>(name, "s", description, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    private IEnumerable<Measurement<int>> ObserveHosts() =>
        _hostsUp.Select(h => new Measurement<int>(h.Value ? 1 : 0, new KeyValuePair<string, object?>("host", h.Key)));

    private static IEnumerable<Measurement<int>> ObservePools(PoolCensus pools) =>
        pools.All().SelectMany(pool => pool.Value.ByState().Select(s =>
            new Measurement<int>(s.Count, new KeyValuePair<string, object?>("pool", pool.Key), new KeyValuePair<string, object?>("state", s.State))));
}
