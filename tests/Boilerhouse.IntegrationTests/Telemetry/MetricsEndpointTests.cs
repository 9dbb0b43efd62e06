using System.Net;
using Boilerhouse.Core.Containers;
using Boilerhouse.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Telemetry;

/// <summary>GET /metrics: Prometheus text with Boilerhouse's series, HTTP server and runtime metrics, moving as claims and releases happen.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class MetricsEndpointTests(TelemetryHostFixture fixture)
{
    private const string Pool = TelemetryHostFixture.Pool;

    private HttpClient Api => fixture.App.Client;

    [Fact]
    public async Task Claim_and_release_move_the_duration_histograms_claim_counts_pool_gauge_and_sync_counters()
    {
        // Given a warm pool and the series as they stand
        await Api.WaitForPoolAsync(Pool, p => p.Int("warm") >= 1);
        var before = await PrometheusScrape.ReadAsync(Api);
        var tenant = $"mt-{Guid.NewGuid():N}"[..16];

        // When a tenant claims, writes 4 KiB of state and releases (the release saves it to the sink)
        var (claimed, claim) = await Api.ClaimAsync(tenant, new { poolId = Pool });
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var whileClaimed = await PrometheusScrape.ReadAsync(Api);
        var runtime = fixture.App.Services.GetRequiredService<IContainerRuntime>();
        var write = await runtime.ExecAsync(claim.Str("containerId"),
            ["sh", "-c", "dd if=/dev/zero of=/state/blob.bin bs=1024 count=4 2>/dev/null"], CancellationToken.None);
        Assert.Equal(0, write.ExitCode);
        var (released, release) = await Api.ReleaseAsync(tenant);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal(claim.Str("containerId"), release.Str("containerId"));
        var after = await PrometheusScrape.ReadAsync(Api);

        // Then the claim and the release were counted and timed under their pool and outcome
        var completed = new[] { ("pool", Pool), ("outcome", "completed") };
        Assert.Equal(before.Value("boilerhouse_claims_total", completed) + 1, after.Value("boilerhouse_claims_total", completed));
        Assert.Equal(before.Value("boilerhouse_claim_duration_seconds_count", completed) + 1,
            after.Value("boilerhouse_claim_duration_seconds_count", completed));
        Assert.True(after.Value("boilerhouse_claim_duration_seconds_sum", completed) > before.Value("boilerhouse_claim_duration_seconds_sum", completed));
        Assert.True(after.Has("boilerhouse_claim_duration_seconds_bucket", [.. completed, ("le", "0.1")]), "claim durations have second-scale buckets");
        Assert.Equal(before.Value("boilerhouse_release_duration_seconds_count", completed) + 1,
            after.Value("boilerhouse_release_duration_seconds_count", completed));
        foreach (var name in new[] { "claim", "release" })
        {
            var status = new[] { ("orchestration", name), ("status", "completed") };
            Assert.Equal(before.Value("boilerhouse_orchestrations_total", status) + 1, after.Value("boilerhouse_orchestrations_total", status));
        }

        // And the pool gauge showed the claimed container by state
        Assert.Equal(before.Value("boilerhouse_pool_containers", ("pool", Pool), ("state", "claimed")) + 1,
            whileClaimed.Value("boilerhouse_pool_containers", ("pool", Pool), ("state", "claimed")));
        Assert.True(whileClaimed.Has("boilerhouse_pool_containers", ("pool", Pool), ("state", "warm")));

        // And the restore on claim and the save on release were timed, the save's bytes and files counted
        var restore = new[] { ("pool", Pool), ("direction", "download"), ("outcome", "succeeded") };
        Assert.Equal(before.Value("boilerhouse_sync_duration_seconds_count", restore) + 1, after.Value("boilerhouse_sync_duration_seconds_count", restore));
        var upload = new[] { ("pool", Pool), ("direction", "upload") };
        Assert.True(after.Value("boilerhouse_sync_bytes_total", upload) - before.Value("boilerhouse_sync_bytes_total", upload) >= 4096,
            $"the save's 4 KiB were not counted:\n{Lines(after, "boilerhouse_sync")}");
        Assert.True(after.Value("boilerhouse_sync_files_total", upload) - before.Value("boilerhouse_sync_files_total", upload) >= 1);
    }

    [Fact]
    public async Task A_failed_claim_is_counted_under_its_pool_as_failed()
    {
        // Given the one container of a pool of one is claimed and the pool paused (a claim there is refused at once rather than waiting in line)
        const string solo = TelemetryHostFixture.SoloPool;
        await Api.WaitForPoolAsync(solo, p => p.Int("warm") == 1);
        var holder = $"mf-{Guid.NewGuid():N}"[..16];
        Assert.Equal(HttpStatusCode.OK, (await Api.ClaimAsync(holder, new { poolId = solo })).Response.StatusCode);
        await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/pools/{solo}/pause");
        var before = await PrometheusScrape.ReadAsync(Api);

        // When another tenant claims there
        var (refused, body) = await Api.ClaimAsync($"mf-{Guid.NewGuid():N}"[..16], new { poolId = solo });
        var after = await PrometheusScrape.ReadAsync(Api);
        await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/pools/{solo}/resume");
        await Api.ReleaseAsync(holder);

        // Then the claim failed (pool exhausted) and was counted so
        Assert.False(refused.IsSuccessStatusCode, body.ToJsonString());
        var failed = new[] { ("pool", solo), ("outcome", "failed") };
        Assert.Equal(before.Value("boilerhouse_claims_total", failed) + 1, after.Value("boilerhouse_claims_total", failed));
        Assert.Equal(before.Value("boilerhouse_claim_duration_seconds_count", failed) + 1, after.Value("boilerhouse_claim_duration_seconds_count", failed));
    }

    [Fact]
    public async Task Host_health_http_server_and_runtime_metrics_are_exported()
    {
        // Given the host health timer has checked the Docker host at least once
        PrometheusScrape scrape = null!;
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            scrape = await PrometheusScrape.ReadAsync(Api);
            return scrape.Value("boilerhouse_host_ping_duration_seconds_count") > 0;
        }, "the Docker host's ping latency is exported");

        // Then the host is up, and the HTTP server and the runtime report their own series
        var up = scrape.Matching("boilerhouse_host_up").ToList();
        Assert.NotEmpty(up);
        Assert.All(up, s => Assert.Equal(1, s.Value));
        Assert.Contains(scrape.Samples, s => s.Name == "http_server_request_duration_seconds_count" && s.Labels.ContainsKey("http_route"));
        Assert.Contains(scrape.Samples, s => s.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal));
        Assert.Contains(scrape.Samples, s => s.Name.StartsWith("dotnet_thread_pool_", StringComparison.Ordinal));
    }

    private static string Lines(PrometheusScrape scrape, string prefix) =>
        string.Join('\n', scrape.Text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)));
}
