using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Telemetry;
using Boilerhouse.Orchestration.Tests.Orchestrations;

namespace Boilerhouse.Orchestration.Tests.Telemetry;

/// <summary>A run is a span in its caller's trace, each step a span under it; retries are counted. On a real SQLite database.</summary>
public sealed class OrchestrationTelemetryTests : IAsyncLifetime, IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<(string Activity, long Value)> _retries = new();
    private readonly ActivityListener _tracer;
    private readonly MeterListener _meter;
    private SqliteOrchestrations _db = null!;

    public OrchestrationTelemetryTests()
    {
        _tracer = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BoilerhouseTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_tracer);
        _meter = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == BoilerhouseMetrics.MeterName && instrument.Name == "boilerhouse.activity.retries")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meter.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "activity")
                {
                    _retries.Enqueue(((string)tag.Value!, value));
                }
            }
        });
        _meter.Start();
    }

    public async Task InitializeAsync() => _db = await SqliteOrchestrations.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    public void Dispose()
    {
        _tracer.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public async Task Run_is_a_span_under_its_caller_with_one_span_per_step_and_its_retries_counted()
    {
        // Given a caller's span context and a step that fails twice before it succeeds
        var caller = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        var flakyName = $"Flaky{Guid.NewGuid():N}";
        var calls = 0;
        var flaky = Step.Of(flakyName, _ => ++calls < 3 ? throw new IOException("connection reset") : Task.FromResult(1));
        var plain = Step.Returning("Plain", 2);
        var record = await CreateAsync();

        // When the instance runs
        var outcome = await _db.Runner.RunAsync(new OrchestrationRun(record) { Caller = caller }, async (ctx, ct) =>
            await ctx.CallAsync(flaky, 0, ct) + await ctx.CallAsync(plain, 0, ct));

        // Then its span continues the caller's trace and names the instance; each step is a child span with its attempts
        Assert.Equal(OrchestrationRuntimeStatus.Completed, outcome.RuntimeStatus);
        var spans = _spans.Where(s => s.TraceId == caller.TraceId).ToList();
        var run = Assert.Single(spans, s => s.ParentSpanId == caller.SpanId);
        Assert.Equal(record.Name, run.OperationName);
        Assert.Equal(record.InstanceId, run.GetTagItem(BoilerhouseTracing.InstanceIdTag));
        var steps = spans.Where(s => s.ParentSpanId == run.SpanId).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal([flakyName, "Plain"], steps.Select(s => s.OperationName));
        Assert.Equal([3, 1], steps.Select(s => (int)s.GetTagItem(BoilerhouseTracing.AttemptsTag)!));
        Assert.All(steps, s => Assert.Equal(record.InstanceId, s.GetTagItem(BoilerhouseTracing.InstanceIdTag)));
        Assert.All(steps, s => Assert.Equal(ActivityStatusCode.Unset, s.Status));

        // And the two retries are counted for that activity
        Assert.Equal(2, _retries.Where(r => r.Activity == flakyName).Sum(r => r.Value));
    }

    [Fact]
    public async Task Failed_run_and_its_failing_step_are_error_spans_with_the_code()
    {
        var caller = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        var exhausted = Step.Of<int>("Exhausted", _ => throw new BoilerhouseException(ErrorCodes.PoolExhausted, "no room"));
        var record = await CreateAsync();

        var outcome = await _db.Runner.RunAsync(new OrchestrationRun(record) { Caller = caller }, (ctx, ct) => ctx.CallAsync(exhausted, 0, ct));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, outcome.RuntimeStatus);
        var spans = _spans.Where(s => s.TraceId == caller.TraceId).ToList();
        Assert.Equal(2, spans.Count);
        Assert.All(spans, s => Assert.Equal(ActivityStatusCode.Error, s.Status));
        Assert.All(spans, s => Assert.Equal(ErrorCodes.PoolExhausted, s.GetTagItem("error.type")));
    }

    private async Task<OrchestrationRecord> CreateAsync() => await _db.CreateAsync($"telemetry-{Guid.NewGuid():N}"[..20]);
}
