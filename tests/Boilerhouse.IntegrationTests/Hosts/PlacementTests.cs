using System.Net;
using Boilerhouse.Core.Containers;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Hosts;

/// <summary>Pools over three Docker hosts (the local engine and two TLS engines): spread, placement labels, the hosts API.</summary>
public sealed class PlacementTests : IAsyncLifetime
{
    private const string Spread = "h-spread";
    private const string Zoned = "h-zoned";
    private const string Ssd = "h-ssd";

    private MultiHostApp _app = null!;

    private HttpClient Api => _app.Api;

    public Task InitializeAsync()
    {
        _app = MultiHostApp.Start(
            [
                new HostEntry(TlsHosts.Local, Labels: "{ zone: a }"),
                new HostEntry(TlsHosts.Tls1, Labels: "{ zone: b }"),
                new HostEntry(TlsHosts.Tls2, Labels: "{ zone: b, disk: ssd }"),
            ],
            new Dictionary<string, string>
            {
                [$"{Spread}.yaml"] = MultiHostApp.Worker(Spread, min: 6, max: 6),
                [$"{Zoned}.yaml"] = MultiHostApp.Worker(Zoned, min: 2, max: 2, placementLabels: "{ zone: b }"),
                [$"{Ssd}.yaml"] = MultiHostApp.Worker(Ssd, min: 1, max: 2, placementLabels: "{ disk: ssd }"),
            });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Pool_spreads_over_three_hosts_and_each_engine_runs_its_share()
    {
        await Api.WaitForPoolAsync(Spread, p => p.Int("warm") == 6);

        var containers = await _app.ContainersAsync(Spread);

        var byHost = containers.GroupBy(c => MultiHostApp.HostOf(c)!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([TlsHosts.Local, TlsHosts.Tls1, TlsHosts.Tls2], byHost.Keys.Order());
        foreach (var (hostId, count) in byHost)
        {
            var onEngine = await _app.Hosts.ListAsync(hostId, _app.App.InstanceId, Spread);
            Assert.Equal(count, onEngine.Count(c => c.State == "running"));
            Assert.All(onEngine, c => Assert.Equal(hostId, c.Labels[ContainerLabels.Host]));
        }
    }

    [Fact]
    public async Task Placement_labels_keep_a_pool_on_hosts_that_carry_them()
    {
        await Api.WaitForPoolAsync(Zoned, p => p.Int("warm") == 2);
        await Api.WaitForPoolAsync(Ssd, p => p.Int("warm") == 1);

        Assert.All(await _app.ContainersAsync(Zoned), c => Assert.Contains(MultiHostApp.HostOf(c), new[] { TlsHosts.Tls1, TlsHosts.Tls2 }));
        Assert.All(await _app.ContainersAsync(Ssd), c => Assert.Equal(TlsHosts.Tls2, MultiHostApp.HostOf(c)));
    }

    [Fact]
    public async Task Claim_on_a_tls_host_provisions_secrets_there_and_release_removes_the_container()
    {
        // Given a warm container of a pool that only runs on tls-2
        await Api.WaitForPoolAsync(Ssd, p => p.Int("warm") >= 1);
        var tenant = $"t-{Guid.NewGuid():N}"[..14];

        // When
        var (response, claim) = await Api.ClaimAsync(tenant, new { poolId = Ssd, secrets = new Dictionary<string, string> { ["token"] = "s3cret" } });

        // Then the secret file is in the container on tls-2
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var containerId = claim.Str("containerId");
        var client = _app.Hosts.Client(TlsHosts.Tls2);
        var exec = await client.Exec.ExecCreateContainerAsync(containerId, new() { AttachStdout = true, Cmd = ["cat", "/secrets/token"] });
        using (var stream = await client.Exec.StartAndAttachContainerExecAsync(exec.ID, false))
        {
            var (stdout, _) = await stream.ReadOutputToEndAsync(CancellationToken.None);
            Assert.Equal("s3cret", stdout);
        }

        // And release removes it from tls-2
        var (released, _) = await Api.ReleaseAsync(tenant);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.DoesNotContain(await _app.Hosts.ListAsync(TlsHosts.Tls2, _app.App.InstanceId, Ssd), c => c.ID == containerId);
    }

    [Fact]
    public async Task Hosts_api_shows_health_engine_capacity_and_containers()
    {
        await _app.WaitForHostAsync(TlsHosts.Tls2, "healthy");
        await Api.WaitForPoolAsync(Ssd, p => p.Int("warm") >= 1);

        var hosts = (await Api.GetJsonAsync("/api/v1/hosts")).AsArray();
        var tls2 = await Api.GetJsonAsync($"/api/v1/hosts/{TlsHosts.Tls2}");
        var (missing, problem) = await Api.SendJsonAsync(HttpMethod.Get, "/api/v1/hosts/nope");

        Assert.Equal([TlsHosts.Local, TlsHosts.Tls1, TlsHosts.Tls2], hosts.Select(h => h!.Str("id")));
        Assert.Equal(_app.Hosts.Uri(TlsHosts.Tls2).OriginalString, tls2.Str("endpoint"));
        Assert.Equal("ssd", tls2["labels"]!.Str("disk"));
        Assert.True(tls2["acceptsPlacements"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(tls2["engine"]!.Str("serverVersion")));
        Assert.True(tls2["latencyMs"]!.GetValue<double>() > 0);
        Assert.NotNull(tls2["lastCheckAt"]);
        Assert.True(tls2["used"]!.Int("containers") >= 1);
        Assert.Contains(tls2["containers"]!.AsArray(), c => c!.Str("poolId") == Ssd);
        Assert.DoesNotContain("cert_path", tls2.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("key.pem", tls2.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("HOST_NOT_FOUND", problem.Str("code"));
    }
}
