using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Hosts;

/// <summary>A pool that may only use a host with room for three of its containers (0.3 CPUs, 0.1 each).</summary>
public sealed class CapacityTests : IAsyncLifetime
{
    private const string Capped = "h-capped";

    private MultiHostApp _app = null!;

    private HttpClient Api => _app.Api;

    public Task InitializeAsync()
    {
        _app = MultiHostApp.Start(
            [new HostEntry(TlsHosts.Local, Labels: "{ tier: big }"), new HostEntry(TlsHosts.Tls1, Labels: "{ tier: small }", Capacity: "{ cpus: 0.3 }")],
            new Dictionary<string, string> { [$"{Capped}.yaml"] = MultiHostApp.Worker(Capped, min: 5, max: 5, placementLabels: "{ tier: small }") });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Warming_stops_at_what_fits_and_claims_beyond_it_answer_503_resource_limit_exceeded()
    {
        // Warming stops at three (of min_size five) and says why
        var pool = await Api.WaitForPoolAsync(Capped, p => p.Int("warm") == 3 && p["lastError"] is not null);
        Assert.Contains("No Docker host has room", pool.Str("lastError"), StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(3));
        pool = await Api.GetJsonAsync($"/api/v1/pools/{Capped}");
        Assert.Equal(3, pool.Int("total"));
        var host = await Api.GetJsonAsync($"/api/v1/hosts/{TlsHosts.Tls1}");
        Assert.Equal(0.3m, host["used"]!["cpus"]!.GetValue<decimal>());
        Assert.Equal(0m, host["free"]!["cpus"]!.GetValue<decimal>());

        // Three tenants get the three that fit
        var tenants = Enumerable.Range(0, 3).Select(i => $"t-cap{i}-{Guid.NewGuid():N}"[..14]).ToList();
        foreach (var tenant in tenants)
        {
            var (claimed, body) = await Api.ClaimAsync(tenant, new { poolId = Capped });
            Assert.True(claimed.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        }

        // The fourth is refused, to retry later
        var (refused, problem) = await Api.ClaimAsync($"t-{Guid.NewGuid():N}"[..14], new { poolId = Capped });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("RESOURCE_LIMIT_EXCEEDED", problem.Str("code"));
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains(TlsHosts.Tls1, problem.Str("detail"), StringComparison.Ordinal);

        // A release frees room: the pool warms one again and a claim succeeds
        await Api.ReleaseAsync(tenants[0]);
        await Api.WaitForPoolAsync(Capped, p => p.Int("warm") == 1);
        var (again, againBody) = await Api.ClaimAsync($"t-{Guid.NewGuid():N}"[..14], new { poolId = Capped });
        Assert.True(again.StatusCode == HttpStatusCode.OK, againBody.ToJsonString());
        Assert.Empty(await _app.Hosts.ListAsync(TlsHosts.Local, _app.App.InstanceId, Capped));
    }
}
