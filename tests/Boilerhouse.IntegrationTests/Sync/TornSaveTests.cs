using System.Net;
using System.Text.Json.Nodes;
using Boilerhouse.Docker;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;

namespace Boilerhouse.IntegrationTests.Sync;

/// <summary>
/// The host is killed (SIGKILL, through the one-shot test hook BOILERHOUSE_TEST_SYNC_CRASH) after a
/// release's data is in the sink and before its final manifest: the sink holds a journal that
/// describes only what is there, the restarted host (without the hook) finishes the release, and the
/// verify endpoint then reports exactly the damage done to the sink afterwards.
/// </summary>
public sealed class TornSaveTests : IAsyncLifetime
{
    private const string Pool = "torn-pool";
    private readonly HostProcessFolder _folder = new();

    private string SinkFile(string tenant, string path) => Path.Combine(_folder.Sink, tenant, "data", path);

    public Task InitializeAsync()
    {
        _folder.AddWorkload(Pool, new WorkloadYaml(Pool)
        {
            MaxSize = 3,
            IdleTimeout = null,
            Sync = $$"""
                sink: { type: local, path: "{{_folder.Sink}}", prefix: "${tenantId}/" }
                mappings:
                  - { container_path: /state, sink_path: data/ }
                """,
        }.ToString());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _folder.DisposeAsync();

    [Fact]
    public async Task Host_killed_between_data_and_manifest_leaves_no_damage_and_verify_reports_exactly_later_damage()
    {
        var tenant = $"torn-{Guid.NewGuid():N}"[..14];
        var instance = $"release-{Guid.NewGuid():N}";

        // Given a host with the crash hook (inert until armed), and a tenant whose first state is saved
        await using (var doomed = await _folder.StartAsync(new Dictionary<string, string> { ["BOILERHOUSE_TEST_SYNC_CRASH"] = "before-manifest" }))
        {
            await doomed.Client.WaitForPoolAsync(Pool, p => p.Int("warm") >= 1, TimeSpan.FromSeconds(90));
            var first = await ClaimAsync(doomed.Client, tenant);
            await ExecAsync(first, "echo one > /state/a.txt && echo keep > /state/b.txt");
            var (released, _) = await doomed.Client.ReleaseAsync(tenant);
            Assert.Equal(HttpStatusCode.OK, released.StatusCode);

            // When the next release overwrites a file and adds one, and the host dies before the final manifest
            var second = await ClaimAsync(doomed.Client, tenant);
            await ExecAsync(second, "echo two-longer > /state/a.txt && echo new > /state/c.txt");
            await File.WriteAllTextAsync(Path.Combine(_folder.Data, "sync-crash.armed"), "");
            try
            {
                await doomed.Client.SendJsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/release?instanceId={instance}");
            }
            catch (HttpRequestException)
            {
                // The request dies with the host: that is the point.
            }

            await doomed.WaitForExitAsync(TimeSpan.FromSeconds(90));
        }

        // Then the sink holds the new data under a journal naming both contents of the overwritten file
        Assert.Equal("two-longer\n", await File.ReadAllTextAsync(SinkFile(tenant, "a.txt")));
        var journal = JsonNode.Parse(await File.ReadAllTextAsync(SinkFile(tenant, ".boilerhouse-manifest.json")))!;
        Assert.True(journal["a.txt"]!["pending"]!.GetValue<bool>());
        Assert.Equal(4, journal["a.txt"]!["previous"]!["size"]!.GetValue<long>());

        // When the host starts again without the hook, the release finishes
        await using var host = await _folder.StartAsync();
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            var (response, body) = await host.Client.SendJsonAsync(HttpMethod.Get, $"/api/v1/orchestrations/{instance}");
            return response.StatusCode == HttpStatusCode.OK && body.Str("runtimeStatus") == "Completed";
        }, "the interrupted release completes after the restart", TimeSpan.FromSeconds(90));

        // Then the saved state verifies clean, with nothing pending
        var clean = await VerifyAsync(host.Client, tenant);
        Assert.True(clean["intact"]!.GetValue<bool>());
        Assert.Empty(clean["mappings"]![0]!["pending"]!.AsArray());
        Assert.Equal(3, clean["mappings"]![0]!.Int("checked"));

        // When one object is altered and another deleted, verify reports exactly that, and the next claim refuses the state
        await File.WriteAllTextAsync(SinkFile(tenant, "b.txt"), "evil\n");
        File.Delete(SinkFile(tenant, "c.txt"));
        var damaged = await VerifyAsync(host.Client, tenant);
        Assert.False(damaged["intact"]!.GetValue<bool>());
        var mapping = damaged["mappings"]![0]!;
        Assert.Equal(["b.txt"], mapping["differs"]!.AsArray().Select(d => d!.Str("path")));
        Assert.Equal(["c.txt"], mapping["missing"]!.AsArray().Select(m => m!.GetValue<string>()));
        var (refused, problem) = await host.Client.ClaimAsync(tenant, new { poolId = Pool });
        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Equal("STATE_INTEGRITY", problem.Str("code"));
    }

    private static async Task<JsonNode> VerifyAsync(HttpClient client, string tenant)
    {
        var (response, report) = await client.SendJsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/verify?poolId={Pool}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, report.ToJsonString());
        return report;
    }

    private static async Task<string> ClaimAsync(HttpClient client, string tenant)
    {
        var (response, body) = await client.ClaimAsync(tenant, new { poolId = Pool });
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body.Str("containerId");
    }

    private static async Task ExecAsync(string containerId, string script)
    {
        using var docker = new DockerContainerRuntime(new DockerEndpoint());
        var result = await docker.ExecAsync(containerId, ["sh", "-c", script], CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"{script}: {result.Stdout}{result.Stderr}");
    }
}
