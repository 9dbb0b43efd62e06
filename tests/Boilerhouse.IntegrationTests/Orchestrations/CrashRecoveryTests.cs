using System.Net;
using System.Text.Json.Nodes;
using Boilerhouse.Docker;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;

namespace Boilerhouse.IntegrationTests.Orchestrations;

/// <summary>
/// The host is killed (SIGKILL, through the test-only crash hook) right after a chosen step of a
/// claim or release, then started again on the same database: every instance must end Completed or
/// Failed with a reason, no container may leak, no tenant may hold two containers, and a released
/// tenant's state is in its sink.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const string Pool = "crash-pool";
    private readonly HostProcessFolder _folder = new();

    public Task InitializeAsync()
    {
        _folder.AddWorkload(Pool, new WorkloadYaml(Pool)
        {
            MinSize = 2,
            MaxSize = 4,
            IdleTimeout = null,
            Sync = $$"""
                sink: { type: local, path: "{{_folder.Sink}}", prefix: "${tenantId}/" }
                mappings:
                  - { container_path: /state, sink_path: data/ }
                """,
            Volumes = [WorkloadYaml.Volume("state"), WorkloadYaml.Volume("secrets"), WorkloadYaml.Volume("config")],
            HealthCheck = WorkloadYaml.StateHealth + "\ninterval: 500ms",
        }.ToString());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _folder.DisposeAsync();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Claim_killed_after_step_resumes_and_completes_after_restart(int step)
    {
        var tenant = $"crash-{step}";
        var instance = $"claim-{Guid.NewGuid():N}";

        // Given a host that dies right after step N of a claim
        await using (var doomed = await StartAsync($"claim:{step}"))
        {
            await WaitWarmAsync(doomed.Client);
            await TryPostAsync(doomed.Client, $"/api/v1/tenants/{tenant}/claim?instanceId={instance}", new { poolId = Pool, config = new { step } });
            await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        // When it starts again
        await using var host = await StartAsync(null);

        // Then the claim finishes and the tenant holds exactly one running container
        var status = await WaitFinishedAsync(host.Client, instance);
        Assert.Equal("Completed", status.Str("runtimeStatus"));
        var tenantStatus = await host.Client.GetJsonAsync($"/api/v1/tenants/{tenant}/status");
        Assert.Equal("claimed", tenantStatus.Str("status"));
        var containerId = tenantStatus.Str("containerId");
        Assert.True((await DockerProbe.InspectAsync(containerId))!.State.Running);
        await AssertNoLeakAsync(host.Client, expectedClaimed: 1);

        var (release, _) = await host.Client.ReleaseAsync(tenant);
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.Null(await DockerProbe.InspectAsync(containerId));
        await AssertNoLeakAsync(host.Client, expectedClaimed: 0);
    }

    [Fact]
    public async Task Claim_with_secrets_killed_before_provisioning_them_fails_cleanly_after_restart()
    {
        var instance = $"claim-{Guid.NewGuid():N}";
        await using (var doomed = await StartAsync("claim:2"))
        {
            await WaitWarmAsync(doomed.Client);
            await TryPostAsync(doomed.Client, $"/api/v1/tenants/crash-secret/claim?instanceId={instance}",
                new { poolId = Pool, secrets = new { token = "never-stored" } });
            await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        await using var host = await StartAsync(null);

        var status = await WaitFinishedAsync(host.Client, instance);
        Assert.Equal("Failed", status.Str("runtimeStatus"));
        Assert.Equal("CLAIM_INTERRUPTED", status["error"]!.Str("code"));
        Assert.Contains(status["steps"]!.AsArray(), s => s!.Str("name") == "CompensateDestroyContainer" && s!.Str("outcome") == "Succeeded");
        var tenantStatus = await host.Client.GetJsonAsync("/api/v1/tenants/crash-secret/status");
        Assert.False(tenantStatus["assigned"]!.GetValue<bool>());
        await AssertNoLeakAsync(host.Client, expectedClaimed: 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Release_killed_after_step_completes_after_restart(int step)
    {
        var tenant = $"release-{step}";
        string containerId;
        await using (var first = await StartAsync(null))
        {
            await WaitWarmAsync(first.Client);
            var (claim, body) = await first.Client.ClaimAsync(tenant, new { poolId = Pool });
            Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
            containerId = body.Str("containerId");
        }

        // The tenant's state, which the release must save before anything is destroyed
        var proof = Guid.NewGuid().ToString("N");
        using (var docker = new DockerContainerRuntime(new DockerEndpoint()))
        {
            var write = await docker.ExecAsync(containerId, ["sh", "-c", $"echo {proof} > /state/proof.txt"], CancellationToken.None);
            Assert.Equal(0, write.ExitCode);
        }

        var instance = $"release-{Guid.NewGuid():N}";
        await using (var doomed = await StartAsync($"release:{step}"))
        {
            await TryPostAsync(doomed.Client, $"/api/v1/tenants/{tenant}/release?instanceId={instance}", null);
            await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        await using var host = await StartAsync(null);

        var status = await WaitFinishedAsync(host.Client, instance);
        Assert.Equal("Completed", status.Str("runtimeStatus"));
        Assert.Null(await DockerProbe.InspectAsync(containerId));
        var tenantStatus = await host.Client.GetJsonAsync($"/api/v1/tenants/{tenant}/status");
        Assert.False(tenantStatus["assigned"]!.GetValue<bool>());
        Assert.Equal($"{proof}\n", await File.ReadAllTextAsync(Path.Combine(_folder.Sink, tenant, "data", "proof.txt")));
        await AssertNoLeakAsync(host.Client, expectedClaimed: 0);
    }

    [Fact]
    public async Task Restart_adopts_the_healthy_warm_containers_it_had()
    {
        List<string> before;
        await using (var first = await StartAsync(null))
        {
            await first.Client.WaitForPoolAsync(Pool, p => p.Int("warm") == 2);
            before = await WarmIdsAsync(first.Client);
        }

        await using var host = await StartAsync(null);

        await host.Client.WaitForPoolAsync(Pool, p => p.Int("warm") == 2);
        Assert.Equal(before, await WarmIdsAsync(host.Client));
        await AssertNoLeakAsync(host.Client, expectedClaimed: 0);
    }

    private static async Task<List<string>> WarmIdsAsync(HttpClient client) =>
        [.. (await client.GetJsonAsync($"/api/v1/pools/{Pool}/containers")).AsArray()
            .Where(c => c!.Str("status") == "warm").Select(c => c!.Str("containerId")).Order()];

    private Task<HostProcess> StartAsync(string? crashAfter) => _folder.StartAsync(
        crashAfter is null ? null : new Dictionary<string, string> { ["BOILERHOUSE_TEST_CRASH_AFTER"] = crashAfter });

    private static Task WaitWarmAsync(HttpClient client) => client.WaitForPoolAsync(Pool, p => p.Int("warm") >= 1);

    /// <summary>The request may die with the host; that is the point.</summary>
    private static async Task TryPostAsync(HttpClient client, string url, object? body)
    {
        try
        {
            await client.SendJsonAsync(HttpMethod.Post, url, body);
        }
        catch (HttpRequestException)
        {
        }
    }

    private static async Task<JsonNode> WaitFinishedAsync(HttpClient client, string instanceId)
    {
        JsonNode status = null!;
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            var (response, body) = await client.SendJsonAsync(HttpMethod.Get, $"/api/v1/orchestrations/{instanceId}");
            status = body;
            return response.StatusCode == HttpStatusCode.OK;
        }, $"instance {instanceId} finishes");
        return status;
    }

    /// <summary>Docker holds exactly the containers the pool knows, and the claimed ones belong to distinct tenants.</summary>
    private async Task AssertNoLeakAsync(HttpClient client, int expectedClaimed)
    {
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            var known = (await client.GetJsonAsync($"/api/v1/pools/{Pool}/containers")).AsArray();
            var inDocker = await DockerProbe.ListAsync(_folder.InstanceId, Pool);
            var knownNames = known.Select(c => c!.Str("name")).Order().ToList();
            var dockerNames = inDocker.Select(c => c.Names[0].TrimStart('/')).Order().ToList();
            var claimed = known.Where(c => c!.Str("status") == "claimed").ToList();
            return knownNames.SequenceEqual(dockerNames)
                && known.All(c => c!.Str("status") is "warm" or "claimed")
                && claimed.Count == expectedClaimed
                && claimed.Select(c => c!.Str("tenantId")).Distinct().Count() == claimed.Count;
        }, "Docker and the pool agree, with no leaked container", TimeSpan.FromSeconds(60));
    }
}
