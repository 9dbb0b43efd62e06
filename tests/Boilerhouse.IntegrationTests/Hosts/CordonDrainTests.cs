using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Hosts;

/// <summary>Cordon (no new containers) and drain (warm containers move; claimed ones stay until released).</summary>
public sealed class CordonDrainTests : IAsyncLifetime
{
    private const string Pool = "h-cordon";

    private MultiHostApp _app = null!;

    private HttpClient Api => _app.Api;

    public Task InitializeAsync()
    {
        _app = MultiHostApp.Start(
            [new HostEntry(TlsHosts.Local), new HostEntry(TlsHosts.Tls1), new HostEntry(TlsHosts.Tls2)],
            new Dictionary<string, string> { [$"{Pool}.yaml"] = MultiHostApp.Worker(Pool, min: 3, max: 12) });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Cordoned_host_gets_no_new_containers_and_keeps_its_own_until_uncordoned()
    {
        await Api.WaitForPoolAsync(Pool, p => p.Int("warm") == 3);
        var before = (await _app.ContainersAsync(Pool)).Where(c => MultiHostApp.HostOf(c) == TlsHosts.Tls1).Select(c => c.Str("name")).ToList();

        var (cordoned, host) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/hosts/{TlsHosts.Tls1}/cordon");
        Assert.Equal(HttpStatusCode.OK, cordoned.StatusCode);
        Assert.True(host["cordoned"]!.GetValue<bool>());
        Assert.False(host["acceptsPlacements"]!.GetValue<bool>());

        // Claims take warm containers and the pool refills, never onto tls-1
        for (var i = 0; i < 4; i++)
        {
            var (claimed, body) = await Api.ClaimAsync($"t-{Guid.NewGuid():N}"[..14], new { poolId = Pool });
            Assert.True(claimed.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        }

        await Api.WaitForPoolAsync(Pool, p => p.Int("warm") == 3);
        var onTls1 = (await _app.ContainersAsync(Pool)).Where(c => MultiHostApp.HostOf(c) == TlsHosts.Tls1).Select(c => c.Str("name")).ToList();
        Assert.All(onTls1, name => Assert.Contains(name, before));

        // Uncordoned, it takes new containers again (it has the fewest)
        var (uncordoned, _) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/hosts/{TlsHosts.Tls1}/uncordon");
        Assert.Equal(HttpStatusCode.OK, uncordoned.StatusCode);
        var (last, lastBody) = await Api.ClaimAsync($"t-{Guid.NewGuid():N}"[..14], new { poolId = Pool });
        Assert.True(last.StatusCode == HttpStatusCode.OK, lastBody.ToJsonString());
        await ApiExtensions.WaitUntilAsync(
            async () => (await _app.ContainersAsync(Pool)).Any(c => MultiHostApp.HostOf(c) == TlsHosts.Tls1 && !before.Contains(c.Str("name"))),
            "a new container on tls-1");
    }

    [Fact]
    public async Task Drained_host_loses_its_warm_containers_to_the_others_while_claimed_ones_stay_until_released()
    {
        // Given a tenant on tls-2 and warm containers there
        await Api.WaitForPoolAsync(Pool, p => p.Int("warm") == 3);
        string? tenantOnTls2 = null;
        for (var i = 0; i < 10 && tenantOnTls2 is null; i++)
        {
            var tenant = $"t-{Guid.NewGuid():N}"[..14];
            var (claimed, body) = await Api.ClaimAsync(tenant, new { poolId = Pool });
            Assert.True(claimed.StatusCode == HttpStatusCode.OK, body.ToJsonString());
            if ((await _app.ContainersAsync(Pool)).Single(c => c["tenantId"]?.GetValue<string>() == tenant).Str("hostId") == TlsHosts.Tls2)
            {
                tenantOnTls2 = tenant;
            }
        }

        Assert.NotNull(tenantOnTls2);

        // When tls-2 is drained
        var (drained, host) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/hosts/{TlsHosts.Tls2}/drain");
        Assert.Equal(HttpStatusCode.OK, drained.StatusCode);
        Assert.True(host["draining"]!.GetValue<bool>());

        // Then its warm containers go, the pool is warm on the others, and the tenant's container stays
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            var containers = await _app.ContainersAsync(Pool);
            return containers.Count(c => c.Str("status") == "warm") == 3
                && containers.Where(c => MultiHostApp.HostOf(c) == TlsHosts.Tls2).All(c => c.Str("status") == "claimed");
        }, "warm capacity moved off tls-2");
        var remaining = await _app.Hosts.ListAsync(TlsHosts.Tls2, _app.App.InstanceId, Pool);
        Assert.NotEmpty(remaining);
        var status = await Api.GetJsonAsync($"/api/v1/tenants/{tenantOnTls2}/status");
        Assert.Equal("claimed", status.Str("status"));

        // When the tenant releases, nothing of the pool is left on tls-2
        await Api.ReleaseAsync(tenantOnTls2!);
        await ApiExtensions.WaitUntilAsync(
            async () => (await _app.ContainersAsync(Pool)).All(c => MultiHostApp.HostOf(c) != TlsHosts.Tls2 || c.Str("status") == "claimed"),
            "tls-2 holds only claimed containers");
        await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/hosts/{TlsHosts.Tls2}/uncordon");
    }
}
