using System.Net;
using System.Text.Json.Nodes;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Telemetry;

/// <summary>GET /api/v1/stats: pools, containers by state, tenants, and the last hour's claims, releases and syncs with error rates.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class StatsApiTests(TelemetryHostFixture fixture)
{
    private const string Pool = TelemetryHostFixture.Pool;

    private HttpClient Api => fixture.App.Client;

    [Fact]
    public async Task A_claim_shows_in_the_tenants_containers_and_the_last_hours_claims_and_syncs()
    {
        // Given a warm pool
        await Api.WaitForPoolAsync(Pool, p => p.Int("warm") >= 1);
        var before = await Api.GetJsonAsync("/api/v1/stats");
        var tenant = $"st-{Guid.NewGuid():N}"[..16];

        // When a tenant claims
        var (claimed, _) = await Api.ClaimAsync(tenant, new { poolId = Pool });
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var after = await Api.GetJsonAsync("/api/v1/stats");
        await Api.ReleaseAsync(tenant);

        // Then the host's two pools are listed, the tenant holds a claimed container, and the claim and its restore are counted
        Assert.Equal(2, after.Int("pools"));
        Assert.Equal([TelemetryHostFixture.Pool, TelemetryHostFixture.SoloPool],
            after["byPool"]!.AsArray().Select(p => p!.Str("poolId")).Order(StringComparer.Ordinal));
        Assert.Equal(before["tenants"]!.Int("claimed") + 1, after["tenants"]!.Int("claimed"));
        Assert.Equal(ClaimedIn(before, Pool) + 1, ClaimedIn(after, Pool));
        Assert.Equal(before["containers"]!.Int("claimed") + 1, after["containers"]!.Int("claimed"));
        var containers = after["containers"]!;
        Assert.Equal(
            containers.Int("starting") + containers.Int("warm") + containers.Int("claimed") + containers.Int("unhealthy") + containers.Int("removing"),
            containers.Int("total"));
        Assert.Equal(Recent(before, "claims", "succeeded") + 1, Recent(after, "claims", "succeeded"));
        Assert.Equal(Recent(before, "claims", "total") + 1, Recent(after, "claims", "total"));
        Assert.Equal(Recent(before, "syncs", "succeeded") + 1, Recent(after, "syncs", "succeeded"));
        Assert.True(DateTimeOffset.Parse(after["lastHour"]!.Str("since"), System.Globalization.CultureInfo.InvariantCulture) <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_failed_claim_raises_the_claim_error_rate()
    {
        // Given the one container of a pool of one is claimed and the pool paused (a claim there is refused at once rather than waiting in line)
        const string solo = TelemetryHostFixture.SoloPool;
        await Api.WaitForPoolAsync(solo, p => p.Int("warm") == 1);
        var holder = $"sf-{Guid.NewGuid():N}"[..16];
        Assert.Equal(HttpStatusCode.OK, (await Api.ClaimAsync(holder, new { poolId = solo })).Response.StatusCode);
        await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/pools/{solo}/pause");
        var before = await Api.GetJsonAsync("/api/v1/stats");

        // When another tenant's claim there fails
        var (refused, _) = await Api.ClaimAsync($"sf-{Guid.NewGuid():N}"[..16], new { poolId = solo });
        var after = await Api.GetJsonAsync("/api/v1/stats");
        await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/pools/{solo}/resume");
        await Api.ReleaseAsync(holder);

        // Then it counts as a failed claim, and the error rate is failed / total
        Assert.False(refused.IsSuccessStatusCode);
        Assert.Equal(Recent(before, "claims", "failed") + 1, Recent(after, "claims", "failed"));
        var claims = after["lastHour"]!["claims"]!;
        var expected = Math.Round((double)claims.Int("failed") / claims.Int("total"), 4);
        Assert.Equal(expected, claims["errorRate"]!.GetValue<double>());
        Assert.True(claims["errorRate"]!.GetValue<double>() > 0);
    }

    private static int ClaimedIn(JsonNode stats, string poolId) =>
        stats["byPool"]!.AsArray().Single(p => p!.Str("poolId") == poolId)!["containers"]!.Int("claimed");

    private static int Recent(JsonNode stats, string what, string field) => stats["lastHour"]![what]![field]!.GetValue<int>();
}
