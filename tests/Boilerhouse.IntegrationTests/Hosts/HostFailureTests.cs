using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Hosts;

/// <summary>A Docker host dies under a pool spread over three hosts, and comes back.</summary>
public sealed class HostFailureTests : IAsyncLifetime
{
    private const string Pool = "h-failover";

    private MultiHostApp _app = null!;

    private HttpClient Api => _app.Api;

    public Task InitializeAsync()
    {
        _app = MultiHostApp.Start(
            [new HostEntry(TlsHosts.Local), new HostEntry(TlsHosts.Tls1), new HostEntry(TlsHosts.Tls2)],
            new Dictionary<string, string> { [$"{Pool}.yaml"] = MultiHostApp.Worker(Pool, min: 3, max: 24) });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        // Whatever happened, leave both TLS engines running for the next tests.
        await TlsHosts.RestartAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Killed_host_turns_unhealthy_the_pool_refills_elsewhere_and_the_host_is_used_again_once_back()
    {
        // Given warm containers on every host, and a tenant whose container is on tls-2
        await WaitForWarmOnAsync(TlsHosts.Local, TlsHosts.Tls1, TlsHosts.Tls2);
        var onTls2 = await ClaimUntilOnAsync(TlsHosts.Tls2);
        await ClaimUntilWarmOnAsync(TlsHosts.Tls2);

        // When tls-2's engine is killed
        _app.Hosts.Kill(TlsHosts.Tls2);

        // Then it turns unhealthy, its warm containers are written off and replaced on the others
        await _app.WaitForHostAsync(TlsHosts.Tls2, "unhealthy", TimeSpan.FromSeconds(90));
        await Api.WaitForPoolAsync(Pool, p => p.Int("warm") >= 3);
        var containers = await _app.ContainersAsync(Pool);
        Assert.DoesNotContain(containers, c => c.Str("status") == "warm" && MultiHostApp.HostOf(c) == TlsHosts.Tls2);
        // The tenant on tls-2 keeps its container, which says its host is unavailable
        var waiting = Assert.Single(containers, c => c!["tenantId"]?.GetValue<string>() == onTls2);
        Assert.True(waiting["hostUnavailable"]!.GetValue<bool>());
        var tenant = await Api.GetJsonAsync($"/api/v1/tenants/{onTls2}/status");
        Assert.Equal(TlsHosts.Tls2, tenant.Str("hostId"));
        Assert.Equal("unhealthy", tenant.Str("hostStatus"));
        // And the service says it is degraded, naming the host that does not answer
        var health = await Api.GetJsonAsync("/api/v1/health");
        Assert.Equal("degraded", health.Str("status"));
        Assert.Equal("degraded", health["docker"]!.Str("status"));
        Assert.Contains(health["docker"]!["hosts"]!.AsArray(), h => h!.Str("id") == TlsHosts.Tls2 && h!.Str("status") == "unavailable");

        // And claims keep working
        for (var i = 0; i < 3; i++)
        {
            var (claimed, body) = await Api.ClaimAsync($"t-{Guid.NewGuid():N}"[..14], new { poolId = Pool });
            Assert.True(claimed.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        }

        // And the tenant on the dead host can still release (its container is written off)
        var (released, releaseBody) = await Api.ReleaseAsync(onTls2);
        Assert.True(released.StatusCode == HttpStatusCode.OK, releaseBody.ToJsonString());

        // When the engine is back
        await TlsHosts.RestartAsync();

        // Then the host is healthy, what was written off there is reaped, and new containers go there again
        await _app.WaitForHostAsync(TlsHosts.Tls2, "healthy", TimeSpan.FromSeconds(90));
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            var known = (await _app.ContainersAsync(Pool)).Select(c => c.Str("name")).ToHashSet();
            var onEngine = await _app.Hosts.ListAsync(TlsHosts.Tls2, _app.App.InstanceId, Pool);
            return onEngine.All(c => known.Contains(c.Names[0].TrimStart('/')));
        }, "containers written off on tls-2 are reaped", TimeSpan.FromSeconds(90));
        await ClaimUntilWarmOnAsync(TlsHosts.Tls2);
    }

    private async Task WaitForWarmOnAsync(params string[] hostIds) =>
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            var warmHosts = (await _app.ContainersAsync(Pool)).Where(c => c.Str("status") == "warm").Select(MultiHostApp.HostOf).ToHashSet();
            return hostIds.All(warmHosts.Contains);
        }, $"warm containers on {string.Join(", ", hostIds)}");

    /// <summary>Claims until a tenant gets a container on the host; answers that tenant.</summary>
    private async Task<string> ClaimUntilOnAsync(string hostId)
    {
        for (var i = 0; i < 10; i++)
        {
            var tenant = $"t-{Guid.NewGuid():N}"[..14];
            var (claimed, body) = await Api.ClaimAsync(tenant, new { poolId = Pool });
            Assert.True(claimed.StatusCode == HttpStatusCode.OK, body.ToJsonString());
            var container = (await _app.ContainersAsync(Pool)).Single(c => c["tenantId"]?.GetValue<string>() == tenant);
            if (container.Str("hostId") == hostId)
            {
                return tenant;
            }
        }

        Assert.Fail($"No claim got a container on {hostId}.");
        return "";
    }

    /// <summary>
    /// Claims until a warm container appears on the host, waiting for each refill before the next
    /// claim (placement picks the host with the fewest containers, so this converges fast).
    /// </summary>
    private async Task ClaimUntilWarmOnAsync(string hostId)
    {
        for (var claims = 0; claims < 12; claims++)
        {
            if ((await _app.ContainersAsync(Pool)).Any(c => c.Str("status") == "warm" && MultiHostApp.HostOf(c) == hostId))
            {
                return;
            }

            var (claimed, body) = await Api.ClaimAsync($"t-{Guid.NewGuid():N}"[..14], new { poolId = Pool });
            Assert.True(claimed.StatusCode == HttpStatusCode.OK, body.ToJsonString());
            await Api.WaitForPoolAsync(Pool, p => p.Int("warm") >= 3);
        }

        Assert.Fail($"No warm container came to {hostId} after 12 claims.");
    }
}
