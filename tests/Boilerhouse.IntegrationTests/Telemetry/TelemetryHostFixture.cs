using System.Diagnostics;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;
using OpenTelemetry.Trace;

namespace Boilerhouse.IntegrationTests.Telemetry;

/// <summary>
/// One host for the telemetry tests, its spans also kept in memory: a pool that saves its state to a
/// local folder (so claims restore and releases save), and a pool of one container (so a second claim
/// fails). Pool ids are used by no other test, so the metrics' pool labels are these tests' own.
/// </summary>
public sealed class TelemetryHostFixture : IAsyncLifetime
{
    public const string Pool = "it-telemetry";
    public const string SoloPool = "it-telemetry-solo";

    private readonly string _sink = Directory.CreateTempSubdirectory("boilerhouse-telemetry-sink-").FullName;

    public BoilerhouseApp App { get; private set; } = null!;

    /// <summary>Every span the host ended, in the order they ended (spans of the test process's other hosts too).</summary>
    public SpanLog Spans { get; } = new();

    public Task InitializeAsync()
    {
        App = BoilerhouseApp.Start(new Dictionary<string, string>
        {
            [$"{Pool}.yaml"] = new WorkloadYaml(Pool)
            {
                MinSize = 1,
                MaxSize = 3,
                Sync = $$"""
                    sink: { type: local, path: "{{_sink}}", prefix: "tenants/${tenantId}/" }
                    mappings:
                      - { container_path: /state, sink_path: data/, direction: bidirectional, mode: sync }
                    """,
                HealthCheck = WorkloadYaml.StateHealth + "\ninterval: 500ms\nretries: 3",
            }.ToString(),
            [$"{SoloPool}.yaml"] = new WorkloadYaml(SoloPool) { MinSize = 1, MaxSize = 1 }.ToString(),
        },
        services: s => s.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(_sink, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryHostFixture>
{
    public const string Name = "telemetry";
}

/// <summary>The exporter writes from the host's threads while a test reads: every access is locked.</summary>
public sealed class SpanLog : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];

    public int Count
    {
        get
        {
            lock (_spans)
            {
                return _spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    /// <summary>The ended spans of one trace.</summary>
    public IReadOnlyList<Activity> OfTrace(ActivityTraceId traceId)
    {
        lock (_spans)
        {
            return [.. _spans.Where(s => s.TraceId == traceId)];
        }
    }

    /// <summary>The ended spans with this tag value.</summary>
    public IReadOnlyList<Activity> Tagged(string tag, string value)
    {
        lock (_spans)
        {
            return [.. _spans.Where(s => s.GetTagItem(tag) as string == value)];
        }
    }

    public void Add(Activity item)
    {
        lock (_spans)
        {
            _spans.Add(item);
        }
    }

    public void Clear()
    {
        lock (_spans)
        {
            _spans.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (_spans)
        {
            return _spans.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_spans)
        {
            _spans.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (_spans)
        {
            return _spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator()
    {
        lock (_spans)
        {
            return _spans.ToList().GetEnumerator();
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
