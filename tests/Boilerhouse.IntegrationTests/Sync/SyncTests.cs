using System.Net;
using System.Text.Json.Nodes;
using Boilerhouse.Core.Containers;
using Boilerhouse.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Sync;

/// <summary>
/// Tenant state follows the tenant: restored on claim, saved on release (never lost while the sink
/// is down), synced periodically and on demand, over a real S3 server, Azurite and a local folder.
/// </summary>
public sealed class SyncTests : IAsyncLifetime
{
    private readonly TcpRelay _s3 = new(TestSinks.S3Endpoint);
    private readonly string _bucket = $"bh-it-{Guid.NewGuid():N}"[..20];
    private BoilerhouseApp _app = null!;
    private string _localSink = null!;

    private HttpClient Api => _app.Client;

    private IContainerRuntime Runtime => _app.Services.GetRequiredService<IContainerRuntime>();

    public Task InitializeAsync()
    {
        _s3.Start();
        _localSink = Directory.CreateTempSubdirectory("boilerhouse-sink-").FullName;
        _app = BoilerhouseApp.Start(SyncWorkloads.Files(_localSink, _s3.Endpoint, _bucket), new Dictionary<string, string>
        {
            [SyncWorkloads.AzureSetting] = TestSinks.AzureConnectionString,
            ["BOILERHOUSE_S3_ACCESS_KEY_ID"] = TestSinks.S3AccessKey,
            ["BOILERHOUSE_S3_SECRET_ACCESS_KEY"] = TestSinks.S3SecretKey,
            ["timers__periodicSync"] = "* * * * * *",
            ["orchestration__maxSaveStateRetryInterval"] = "00:00:01",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _s3.DisposeAsync();
        Directory.Delete(_localSink, recursive: true);
    }

    [Theory]
    [InlineData(SyncWorkloads.Local)]
    [InlineData(SyncWorkloads.S3)]
    [InlineData(SyncWorkloads.Azure)]
    public async Task State_saved_on_release_is_restored_into_the_next_container_and_only_for_its_tenant(string pool)
    {
        // Given two tenants with different files in their state volumes
        var (alice, bob) = (NewTenant(), NewTenant());
        var aliceFirst = await Api.ClaimOkAsync(alice, pool);
        var bobFirst = await Api.ClaimOkAsync(bob, pool);
        await Runtime.ExecOkAsync(aliceFirst, "mkdir -p /state/notes && echo alice > /state/notes/a.json && dd if=/dev/urandom of=/state/blob.bin bs=1k count=700 2>/dev/null");
        await Runtime.ExecOkAsync(bobFirst, "echo bob > /state/b.json");
        var aliceFiles = await Runtime.StateHashesAsync(aliceFirst);
        var bobFiles = await Runtime.StateHashesAsync(bobFirst);

        // When both release and claim again
        await Api.ReleaseOkAsync(alice);
        await Api.ReleaseOkAsync(bob);
        var aliceSecond = await Api.ClaimOkAsync(alice, pool);
        var bobSecond = await Api.ClaimOkAsync(bob, pool);

        // Then each finds exactly its own files, byte for byte, in a new container
        Assert.NotEqual(aliceFirst, aliceSecond);
        Assert.Equal(aliceFiles, await Runtime.StateHashesAsync(aliceSecond));
        Assert.Equal(bobFiles, await Runtime.StateHashesAsync(bobSecond));
        Assert.Equal(2, aliceFiles.Count);
        var status = await Api.GetJsonAsync($"/api/v1/tenants/{alice}/status");
        Assert.Equal("succeeded", status["sync"]!.Str("lastStatus"));
        await Api.ReleaseOkAsync(alice);
        await Api.ReleaseOkAsync(bob);
    }

    [Fact]
    public async Task Sink_down_during_release_keeps_the_tenant_releasing_paused_and_loses_nothing_once_it_returns()
    {
        var tenant = NewTenant();
        var first = await Api.ClaimOkAsync(tenant, SyncWorkloads.S3);
        await Runtime.ExecOkAsync(first, "echo precious > /state/keep.txt && dd if=/dev/urandom of=/state/data.bin bs=1k count=300 2>/dev/null");
        var files = await Runtime.StateHashesAsync(first);

        // When the sink stops answering and the tenant releases
        _s3.Cut();
        var (started, body) = await Api.ReleaseAsync(tenant, "waitMs=3000");

        // Then the release keeps trying: the tenant is releasing and its container is still there
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var instance = body.Str("id");
        Assert.Equal("releasing", (await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status")).Str("status"));
        Assert.NotNull(await DockerProbe.InspectAsync(first));
        var running = await Api.GetJsonAsync($"/api/v1/orchestrations/{instance}?showHistory=true");
        Assert.Equal("Running", running.Str("runtimeStatus"));
        Assert.Contains(running["steps"]!.AsArray(), s => s!.Str("name") == "SaveState" && s!.Str("outcome") == "Failed");
        // and its code no longer runs: the container is paused after the first failed save (volumes kept for the retry)
        await ApiExtensions.WaitUntilAsync(async () => (await DockerProbe.InspectAsync(first))?.State.Paused == true,
            "the releasing container is paused", TimeSpan.FromSeconds(90));

        // When the sink is back, the release completes and the state is all there
        _s3.Start();
        await ApiExtensions.WaitUntilAsync(async () =>
            (await Api.GetJsonAsync($"/api/v1/orchestrations/{instance}")).Str("runtimeStatus") == "Completed",
            "the release completes once the sink answers", TimeSpan.FromSeconds(90));
        Assert.Null(await DockerProbe.InspectAsync(first));
        var second = await Api.ClaimOkAsync(tenant, SyncWorkloads.S3);
        Assert.Equal(files, await Runtime.StateHashesAsync(second));
        await Api.ReleaseOkAsync(tenant);
    }

    [Fact]
    public async Task A_claim_whose_restore_fails_fails_cleanly_and_destroys_its_container()
    {
        var tenant = NewTenant();
        _s3.Cut();
        try
        {
            var (response, problem) = await Api.ClaimAsync(tenant, new { poolId = SyncWorkloads.S3 });

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("SINK_UNAVAILABLE", problem.Str("code"));
            var claim = await Api.GetJsonAsync($"/api/v1/orchestrations/{problem.Str("instanceId")}?showHistory=true");
            Assert.Contains(claim["steps"]!.AsArray(), s => s!.Str("name") == "CompensateDestroyContainer" && s!.Str("outcome") == "Succeeded");
            Assert.False((await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status"))["assigned"]!.GetValue<bool>());
            Assert.DoesNotContain((await Api.GetJsonAsync($"/api/v1/pools/{SyncWorkloads.S3}/containers")).AsArray(), c => c!["tenantId"]?.GetValue<string>() == tenant);
        }
        finally
        {
            _s3.Start();
        }
    }

    [Fact]
    public async Task Periodic_sync_uploads_changes_while_the_tenant_holds_its_container()
    {
        var tenant = NewTenant();
        var container = await Api.ClaimOkAsync(tenant, SyncWorkloads.Periodic);
        var uploaded = Path.Combine(_localSink, "periodic", tenant, "logs", "app.log");

        await Runtime.ExecOkAsync(container, "echo one > /state/app.log && echo ignored > /state/other.txt");
        await WaitForFileAsync(uploaded, "one\n");
        await Runtime.ExecOkAsync(container, "echo two >> /state/app.log");
        await WaitForFileAsync(uploaded, "one\ntwo\n");

        // Only what the pattern selects is uploaded, and the tenant status tells of the syncs
        Assert.False(File.Exists(Path.Combine(_localSink, "periodic", tenant, "logs", "other.txt")));
        var sync = (await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status"))["sync"]!;
        Assert.Equal("succeeded", sync.Str("lastStatus"));
        Assert.Equal("periodic", sync["lastRun"]!.Str("trigger"));
        await Api.ReleaseOkAsync(tenant);
    }

    [Fact]
    public async Task Manual_sync_uploads_and_downloads_on_demand()
    {
        var tenant = NewTenant();
        var container = await Api.ClaimOkAsync(tenant, SyncWorkloads.Local);
        await Runtime.ExecOkAsync(container, "echo mine > /state/mine.txt");

        // Upload now
        var (uploaded, upload) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/sync?waitMs=30000", new { direction = "upload" });
        Assert.True(uploaded.StatusCode == HttpStatusCode.OK, upload.ToJsonString());
        Assert.Equal(1, upload.Int("filesTransferred"));
        var data = Path.Combine(_localSink, "tenants", tenant, "data");
        Assert.Equal("mine\n", await File.ReadAllTextAsync(Path.Combine(data, "mine.txt")));

        // A file put into the sink by someone else comes down on a download
        await File.WriteAllTextAsync(Path.Combine(data, "theirs.txt"), "from the sink\n");
        var (downloaded, download) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/sync?waitMs=30000", new { direction = "download" });
        Assert.True(downloaded.StatusCode == HttpStatusCode.OK, download.ToJsonString());
        Assert.Equal("from the sink\n", (await Runtime.ExecAsync(container, ["cat", "/state/theirs.txt"], CancellationToken.None)).Stdout);

        // The spec's trigger syncs every claimed tenant of the pool, and its status tells of the runs
        var (triggered, trigger) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/sync-specs/{SyncWorkloads.Local}/trigger", new { direction = "upload" });
        Assert.Equal(HttpStatusCode.Accepted, triggered.StatusCode);
        Assert.Contains(trigger["started"]!.AsArray(), s => s!.Str("tenantId") == tenant);
        var listed = await Api.GetJsonAsync($"/api/v1/orchestrations?tenantId={tenant}&name=sync");
        Assert.Equal(3, listed["instances"]!.AsArray().Count);
        var status = await Api.GetJsonAsync($"/api/v1/sync-specs/{SyncWorkloads.Local}/status");
        Assert.True(status["sync"]!.Int("runs") >= 2);
        Assert.Equal(1, status.Int("claimedTenants"));
        await Api.ReleaseOkAsync(tenant);
    }

    [Fact]
    public async Task Sync_specs_are_listed_without_credentials()
    {
        var specs = (await Api.GetJsonAsync("/api/v1/sync-specs")).AsArray();
        Assert.Equal(
            new[] { SyncWorkloads.Azure, SyncWorkloads.Local, SyncWorkloads.NoManual, SyncWorkloads.Periodic, SyncWorkloads.S3 },
            specs.Select(s => s!.Str("id")).Order(StringComparer.Ordinal));
        var azure = await Api.GetJsonAsync($"/api/v1/sync-specs/{SyncWorkloads.Azure}");
        Assert.DoesNotContain("AccountKey", azure.ToJsonString(), StringComparison.OrdinalIgnoreCase);

        // Shown in the YAML's words: the sink type as written, only that type's fields
        var sink = azure["spec"]!["sink"]!.AsObject();
        Assert.Equal("azure_blob", sink.Str("type"));
        Assert.Equal(SyncWorkloads.AzureSetting, sink.Str("connectionSetting"));
        Assert.Equal(["connectionSetting", "container", "prefix", "type"], sink.Select(p => p.Key).Order(StringComparer.Ordinal));
        var mapping = azure["spec"]!["mappings"]![0]!;
        Assert.Equal(("bidirectional", "sync"), (mapping.Str("direction"), mapping.Str("mode")));
        var periodic = await Api.GetJsonAsync($"/api/v1/sync-specs/{SyncWorkloads.Periodic}");
        Assert.Equal("1s", periodic["spec"]!["policy"]!.Str("interval"));
        Assert.Equal("**/*.log", periodic["spec"]!["mappings"]![0]!.Str("pattern"));
        Assert.DoesNotContain(TestSinks.AzureConnectionString, _app.Logs.Lines.Aggregate("", (a, l) => a + l), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_sync_requests_get_precise_errors()
    {
        var tenant = NewTenant();
        await Api.ClaimOkAsync(tenant, SyncWorkloads.NoManual);
        var plain = NewTenant();
        await Api.ClaimOkAsync(plain, SyncWorkloads.NoSync);

        await ExpectAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/sync", null, HttpStatusCode.Forbidden, "MANUAL_SYNC_NOT_ALLOWED");
        await ExpectAsync(HttpMethod.Post, $"/api/v1/sync-specs/{SyncWorkloads.NoManual}/trigger", null, HttpStatusCode.Forbidden, "MANUAL_SYNC_NOT_ALLOWED");
        await ExpectAsync(HttpMethod.Post, $"/api/v1/tenants/{plain}/sync", null, HttpStatusCode.Conflict, "SYNC_NOT_CONFIGURED");
        await ExpectAsync(HttpMethod.Post, $"/api/v1/tenants/{NewTenant()}/sync", null, HttpStatusCode.NotFound, "TENANT_NOT_FOUND");
        await ExpectAsync(HttpMethod.Post, $"/api/v1/tenants/{plain}/sync", new { direction = "sideways" }, HttpStatusCode.BadRequest, "INVALID_REQUEST");
        await ExpectAsync(HttpMethod.Post, "/api/v1/tenants/..%2Fother/sync", null, HttpStatusCode.BadRequest, "INVALID_ID");
        await ExpectAsync(HttpMethod.Get, "/api/v1/sync-specs/no-such-spec", null, HttpStatusCode.NotFound, "SYNC_SPEC_NOT_FOUND");
        await ExpectAsync(HttpMethod.Get, $"/api/v1/sync-specs/{SyncWorkloads.NoSync}/status", null, HttpStatusCode.NotFound, "SYNC_SPEC_NOT_FOUND");
        await Api.ReleaseOkAsync(tenant);
        await Api.ReleaseOkAsync(plain);
    }

    private async Task ExpectAsync(HttpMethod method, string url, object? body, HttpStatusCode status, string code)
    {
        var (response, problem) = await Api.SendJsonAsync(method, url, body);
        Assert.True(response.StatusCode == status, $"{method} {url}: {(int)response.StatusCode} {problem.ToJsonString()}");
        Assert.Equal(code, problem.Str("code"));
    }

    private static async Task WaitForFileAsync(string path, string content) =>
        await ApiExtensions.WaitUntilAsync(async () => File.Exists(path) && await File.ReadAllTextAsync(path) == content,
            $"{path} holds {content.Trim()}", TimeSpan.FromSeconds(90));

    private static string NewTenant() => $"t-{Guid.NewGuid():N}"[..14];
}
