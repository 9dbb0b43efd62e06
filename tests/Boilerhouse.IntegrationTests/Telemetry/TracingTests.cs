using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Orchestration.Telemetry;

namespace Boilerhouse.IntegrationTests.Telemetry;

/// <summary>A claim is one trace: the HTTP request, the claim orchestration, a span per step, all under the caller's trace.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TracingTests(TelemetryHostFixture fixture)
{
    private const string Pool = TelemetryHostFixture.Pool;

    private HttpClient Api => fixture.App.Client;

    [Fact]
    public async Task Claim_runs_in_the_callers_trace_with_a_span_per_step_carrying_the_instance_id()
    {
        // Given a caller in a trace of its own
        await Api.WaitForPoolAsync(Pool, p => p.Int("warm") >= 1);
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        var tenant = $"tr-{Guid.NewGuid():N}"[..16];

        // When it claims with its traceparent
        var (response, body) = await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/claim?waitMs=60000", $"00-{traceId}-{callerSpan}-01",
            new JsonObject { ["poolId"] = Pool });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var instanceId = body.Str("instanceId");

        // Then the request's span continues the caller's, the claim's span is under it, every step under the claim
        var spans = await SpansAsync(traceId, s => s.Kind == ActivityKind.Server, "the claim request's span");
        var request = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        Assert.Equal(callerSpan, request.ParentSpanId);
        var claim = Assert.Single(spans, s => s.OperationName == "claim");
        Assert.Equal(request.SpanId, claim.ParentSpanId);
        Assert.Equal(instanceId, claim.GetTagItem(BoilerhouseTracing.InstanceIdTag));
        Assert.Equal(tenant, claim.GetTagItem(BoilerhouseTracing.TenantTag));
        Assert.Equal(Pool, claim.GetTagItem(BoilerhouseTracing.PoolTag));
        var steps = spans.Where(s => s.ParentSpanId == claim.SpanId).OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(["CheckTenant", "TakeWarmContainerActivity", "RestoreState", "RecordAssignment"], steps.Select(s => s.OperationName));
        Assert.All(steps, s => Assert.Equal(instanceId, s.GetTagItem(BoilerhouseTracing.InstanceIdTag)));
        Assert.All(steps, s => Assert.NotEqual(ActivityStatusCode.Error, s.Status));
        Assert.Equal([1, 2, 3, 4], steps.Select(s => Convert.ToInt32(s.GetTagItem(BoilerhouseTracing.StepTag), System.Globalization.CultureInfo.InvariantCulture)));

        await Api.ReleaseAsync(tenant);
    }

    [Fact]
    public async Task Release_without_a_caller_trace_gets_a_trace_of_its_own_rooted_at_its_request()
    {
        // Given a claimed tenant
        var tenant = $"tr-{Guid.NewGuid():N}"[..16];
        var (claimed, _) = await Api.ClaimAsync(tenant, new { poolId = Pool });
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);

        // When it releases without a traceparent
        var (released, body) = await Api.ReleaseAsync(tenant);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);

        // Then the release's span (found by its instance id) is a child of the release request's span, which starts the trace
        var instanceId = body.Str("instanceId");
        var release = await SingleTaggedAsync(BoilerhouseTracing.InstanceIdTag, instanceId, "release");
        var spans = await SpansAsync(release.TraceId, s => s.Kind == ActivityKind.Server, "the release request's span");
        var request = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        Assert.Equal(default, request.ParentSpanId);
        Assert.Equal(request.SpanId, release.ParentSpanId);
        Assert.Contains(spans, s => s.ParentSpanId == release.SpanId && s.OperationName == "SaveState");
    }

    [Fact]
    public async Task A_failed_claim_marks_its_span_and_the_failing_step_as_errors_with_the_code()
    {
        // Given the one container of a pool of one is claimed, and the pool paused (so a claim is refused, not lined up)
        const string solo = TelemetryHostFixture.SoloPool;
        await Api.WaitForPoolAsync(solo, p => p.Int("warm") == 1);
        var holder = $"tf-{Guid.NewGuid():N}"[..16];
        Assert.Equal(HttpStatusCode.OK, (await Api.ClaimAsync(holder, new { poolId = solo })).Response.StatusCode);
        await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/pools/{solo}/pause");

        // When another tenant claims there
        var traceId = ActivityTraceId.CreateRandom();
        var other = $"tf-{Guid.NewGuid():N}"[..16];
        var (refused, _) = await SendAsync(HttpMethod.Post, $"/api/v1/tenants/{other}/claim?waitMs=60000",
            $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01", new JsonObject { ["poolId"] = solo });
        await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/pools/{solo}/resume");
        await Api.ReleaseAsync(holder);

        // Then the claim span and its take step are errors carrying POOL_EXHAUSTED
        Assert.False(refused.IsSuccessStatusCode);
        var spans = await SpansAsync(traceId, s => s.OperationName == "claim", "the failed claim's span");
        var claim = Assert.Single(spans, s => s.OperationName == "claim");
        Assert.Equal(ActivityStatusCode.Error, claim.Status);
        Assert.Equal("POOL_EXHAUSTED", claim.GetTagItem("error.type"));
        var take = Assert.Single(spans, s => s.OperationName == "TakeWarmContainerActivity");
        Assert.Equal(ActivityStatusCode.Error, take.Status);
        Assert.Equal("POOL_EXHAUSTED", take.GetTagItem("error.type"));
    }

    private async Task<(HttpResponseMessage Response, JsonNode Body)> SendAsync(HttpMethod method, string url, string traceparent, JsonNode body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("traceparent", traceparent);
        var response = await Api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    /// <summary>The trace's ended spans once one matches (a server span ends just after its answer is sent).</summary>
    private async Task<IReadOnlyList<Activity>> SpansAsync(ActivityTraceId traceId, Func<Activity, bool> awaited, string what)
    {
        await ApiExtensions.WaitUntilAsync(() => Task.FromResult(fixture.Spans.OfTrace(traceId).Any(awaited)), what);
        return fixture.Spans.OfTrace(traceId);
    }

    private async Task<Activity> SingleTaggedAsync(string tag, string value, string operation)
    {
        await ApiExtensions.WaitUntilAsync(() => Task.FromResult(fixture.Spans.Tagged(tag, value).Any(s => s.OperationName == operation)), $"the {operation} span");
        return Assert.Single(fixture.Spans.Tagged(tag, value), s => s.OperationName == operation);
    }
}
