using System.Net;
using Boilerhouse.Core.Containers;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Isolation;

/// <summary>
/// A workload with <c>runtime: runsc</c> runs under gVisor on the real engine (eng/setup-gvisor.sh registers
/// it) and gets everything a tenant gets: config, secrets and its restored state. A runtime no engine has is
/// a clear error for claims, not a pool stuck retrying in silence.
/// </summary>
public sealed class GVisorTests : IAsyncLifetime
{
    private const string Sandboxed = "gv-runsc";
    private const string Missing = "gv-missing";
    private BoilerhouseApp _app = null!;
    private string _sink = null!;

    private HttpClient Api => _app.Client;

    private IContainerRuntime Runtime => _app.Services.GetRequiredService<IContainerRuntime>();

    public Task InitializeAsync()
    {
        _sink = Directory.CreateTempSubdirectory("boilerhouse-gvisor-sink-").FullName;
        _app = BoilerhouseApp.Start(new Dictionary<string, string>
        {
            [$"{Sandboxed}.yaml"] = new WorkloadYaml(Sandboxed)
            {
                Volumes = WorkloadYaml.AllVolumes,
                Memory = "64M",
                Cpus = "0.5",
                Sync = $$"""
                    sink: { type: local, path: "{{_sink}}", prefix: "gv/${tenantId}/" }
                    mappings:
                      - { container_path: /state, sink_path: data/, direction: bidirectional, mode: sync }
                    """,
                Extra = "runtime: runsc",
            }.ToString(),
            [$"{Missing}.yaml"] = new WorkloadYaml(Missing) { MinSize = 0, Extra = "runtime: bh-no-such-runtime" }.ToString(),
        }, new Dictionary<string, string> { ["timers__hostHealth"] = "*/2 * * * * *" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_sink, recursive: true);
    }

    [Fact]
    public async Task Runsc_workload_runs_under_gVisor_with_config_secrets_and_its_restored_state()
    {
        var tenant = $"gv-{Guid.NewGuid():N}"[..14];
        var first = await ClaimWithSecretsAsync(tenant);

        // The container's kernel is gVisor's, not the host's.
        var dmesg = await Runtime.ExecAsync(first, ["dmesg"], CancellationToken.None);
        Assert.Contains("gVisor", dmesg.Stdout, StringComparison.Ordinal);
        Assert.Equal("runsc", (await DockerProbe.InspectAsync(first))!.HostConfig.Runtime);

        // State written under gVisor is saved on release and restored byte for byte into the next container.
        await Runtime.ExecOkAsync(first, "mkdir -p /state/n && echo under-gvisor > /state/n/a.txt && dd if=/dev/urandom of=/state/b.bin bs=1k count=300 2>/dev/null");
        var files = await Runtime.StateHashesAsync(first);
        await Api.ReleaseOkAsync(tenant);
        var second = await ClaimWithSecretsAsync(tenant);

        Assert.NotEqual(first, second);
        Assert.Equal(2, files.Count);
        Assert.Equal(files, await Runtime.StateHashesAsync(second));
        await Api.ReleaseOkAsync(tenant);
    }

    [Fact]
    public async Task Runtime_no_engine_has_answers_503_RUNTIME_UNAVAILABLE_naming_it()
    {
        // Before the first host check the engine itself refuses the runtime; once checked, placement does.
        var tenant = $"gm-{Guid.NewGuid():N}"[..14];
        HttpResponseMessage? response = null;
        string? body = null;
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            var (r, problem) = await Api.ClaimAsync(tenant, new { poolId = Missing }, "waitMs=5000");
            (response, body) = (r, problem["detail"]?.GetValue<string>());
            return problem["code"]?.GetValue<string>() == "RUNTIME_UNAVAILABLE";
        }, "claims on a workload whose runtime no engine has answer RUNTIME_UNAVAILABLE", TimeSpan.FromSeconds(90));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response!.StatusCode);
        Assert.Equal("30", response.Headers.GetValues("Retry-After").Single());
        Assert.Contains("'bh-no-such-runtime'", body, StringComparison.Ordinal);
    }

    private async Task<string> ClaimWithSecretsAsync(string tenant)
    {
        var (response, body) = await Api.ClaimAsync(tenant, new
        {
            poolId = Sandboxed,
            config = new { mode = "sandboxed" },
            secrets = new Dictionary<string, string> { ["token"] = "gv-secret" },
        });
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        var containerId = body.Str("containerId");
        Assert.Equal("""{"mode":"sandboxed"}""", (await Runtime.ExecAsync(containerId, ["cat", "/config/config.json"], CancellationToken.None)).Stdout.Trim());
        Assert.Equal("gv-secret", (await Runtime.ExecAsync(containerId, ["cat", "/secrets/token"], CancellationToken.None)).Stdout);
        return containerId;
    }
}
