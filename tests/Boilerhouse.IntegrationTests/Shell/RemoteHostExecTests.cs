using System.Net;
using System.Net.Http.Headers;
using Boilerhouse.IntegrationTests.Hosts;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Shell;

/// <summary>Exec, files and the command log for a container on a remote TLS engine (tls-hosts.env TLS_HOST_1_*).</summary>
public sealed class RemoteHostExecTests : IAsyncLifetime
{
    private const string Pool = "it-shell-remote";

    private MultiHostApp _app = null!;

    private HttpClient Api => _app.Api;

    public Task InitializeAsync()
    {
        _app = MultiHostApp.Start([new HostEntry(TlsHosts.Tls1)], new Dictionary<string, string> { [$"{Pool}.yaml"] = MultiHostApp.Worker(Pool, min: 1, max: 2) });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Exec_files_and_the_command_log_work_for_a_container_on_a_tls_engine()
    {
        // Given a tenant whose container runs on tls-1
        var tenant = $"remote-{Guid.NewGuid():N}"[..15];
        var (claim, claimBody) = await Api.ClaimAsync(tenant, new { poolId = Pool });
        Assert.True(claim.StatusCode == HttpStatusCode.OK, claimBody.ToJsonString());
        var containerId = claimBody.Str("containerId");
        var onRemote = await _app.Hosts.ListAsync(TlsHosts.Tls1, _app.App.InstanceId, Pool);
        Assert.Contains(onRemote, c => c.ID == containerId);

        // When a command runs, one times out, and a file goes in and out
        var (exec, execBody) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/exec",
            new { cmd = new[] { "sh", "-c", "echo remote-$((6*7)); hostname" } });
        var (slow, slowBody) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/exec",
            new { cmd = new[] { "sh", "-c", "sleep 1004 & wait" }, timeoutSeconds = 1 });
        var content = new byte[70_000];
        Random.Shared.NextBytes(content);
        using var put = new ByteArrayContent(content);
        put.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var written = await Api.PutAsync($"/api/v1/tenants/{tenant}/files?path=remote/blob.bin", put);
        var read = await Api.GetByteArrayAsync($"/api/v1/tenants/{tenant}/files?path=remote/blob.bin");

        // Then all of it happened on the remote engine's container
        Assert.True(exec.StatusCode == HttpStatusCode.OK, execBody.ToJsonString());
        Assert.Equal($"remote-42\n{containerId[..12]}\n", execBody.Str("stdout"));
        Assert.True(slow.StatusCode == HttpStatusCode.OK, slowBody.ToJsonString());
        Assert.True(slowBody["timedOut"]!.GetValue<bool>(), slowBody.ToJsonString());
        var (left, leftBody) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/exec", new { cmd = new[] { "ps", "-o", "args" } });
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.DoesNotContain("sleep 1004", leftBody.Str("stdout"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, written.StatusCode);
        Assert.Equal(content, read);
        var log = await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/commands");
        var entries = log["entries"]!.AsArray().Select(e => e!).ToList();
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal(TlsHosts.Tls1, e.Str("hostId")));
        Assert.All(entries, e => Assert.Equal(containerId, e.Str("containerId")));
    }
}
