using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Docker;

namespace Boilerhouse.Sync.Tests.Engine;

/// <summary>
/// The engine between real containers and a local folder sink: round trips, increments, patterns,
/// deletion semantics, safety. Here the state volume is used directly (local engine); the same
/// tests run through Docker's archive API in <see cref="SyncEngineOverArchiveTests"/>.
/// </summary>
public class SyncEngineTests : IAsyncLifetime
{
    private readonly SyncHarness _harness;

    public SyncEngineTests()
        : this(new DockerEndpoint())
    {
    }

    protected SyncEngineTests(DockerEndpoint endpoint) => _harness = new SyncHarness(endpoint: endpoint);
    private string _sink = null!;

    public Task InitializeAsync()
    {
        _sink = Directory.CreateTempSubdirectory("bh-sync-engine-").FullName;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        Directory.Delete(_sink, recursive: true);
    }

    private WorkloadSpec Spec(string mapping = "{ container_path: /state, sink_path: data/ }", string policy = "") => SyncHarness.Workload(
        $"sink: {{ type: local, path: \"{_sink}\", prefix: \"t/${{tenantId}}/\" }}\nmappings:\n  - {mapping}{policy}");

    private string SinkFile(string tenant, string path) => Path.Combine(_sink, "t", tenant, "data", path);

    [Fact]
    public async Task Upload_then_download_into_a_new_container_restores_every_byte_owned_by_the_container_user()
    {
        var spec = Spec();
        var first = await _harness.StartAsync(spec);
        await _harness.ExecAsync(first, "mkdir -p /state/a/b && echo one > /state/a/b/one.json && dd if=/dev/urandom of=/state/big.bin bs=1M count=9 2>/dev/null && echo top > /state/top.txt");
        var expected = await _harness.HashesAsync(first);

        var up = await _harness.RunAsync(first, spec, "alice", SyncTrigger.Release);
        var second = await _harness.StartAsync(spec);
        var down = await _harness.RunAsync(second, spec, "alice", SyncTrigger.Claim);

        Assert.Equal((3, 9L * 1024 * 1024 + 8), (up.FilesTransferred, up.BytesTransferred));
        Assert.Equal(3, down.FilesTransferred);
        Assert.Equal(expected, await _harness.HashesAsync(second));
        Assert.Equal("65534:65534 644\n65534:65534 755\n", await _harness.ExecAsync(second, "stat -c '%u:%g %a' /state/a/b/one.json /state/a/b"));
        Assert.True(File.Exists(SinkFile("alice", SyncManifest.FileName)));
    }

    [Fact]
    public async Task Second_upload_sends_only_what_changed_and_a_second_download_fetches_nothing()
    {
        var spec = Spec();
        var container = await _harness.StartAsync(spec);
        await _harness.ExecAsync(container, "for i in 1 2 3 4 5; do echo $i > /state/f$i.txt; done");
        await _harness.RunAsync(container, spec, "bob", SyncTrigger.Release);
        await _harness.ExecAsync(container, "echo changed > /state/f3.txt");

        var again = await _harness.RunAsync(container, spec, "bob", SyncTrigger.Periodic);
        var restore = await _harness.RunAsync(container, spec, "bob", SyncTrigger.Claim);

        Assert.Equal((1, 4), (again.FilesTransferred, again.FilesSkipped));
        Assert.Equal("changed\n", await File.ReadAllTextAsync(SinkFile("bob", "f3.txt")));
        Assert.Equal((0, 5), (restore.FilesTransferred, restore.FilesSkipped));
    }

    [Fact]
    public async Task Pattern_selects_what_moves_at_any_depth()
    {
        var spec = Spec("{ container_path: /state, pattern: \"**/*.json\", sink_path: data/ }");
        var container = await _harness.StartAsync(spec);
        await _harness.ExecAsync(container, "mkdir -p /state/x/y && echo 1 > /state/top.json && echo 2 > /state/x/y/deep.json && echo 3 > /state/x/skip.txt");

        var result = await _harness.RunAsync(container, spec, "carol", SyncTrigger.Release);

        Assert.Equal(2, result.FilesTransferred);
        Assert.True(File.Exists(SinkFile("carol", "top.json")));
        Assert.True(File.Exists(SinkFile("carol", "x/y/deep.json")));
        Assert.False(File.Exists(SinkFile("carol", "x/skip.txt")));
    }

    [Theory]
    [InlineData("sync", false)]
    [InlineData("copy", true)]
    public async Task Upload_deletes_in_the_sink_what_the_container_removed_only_in_sync_mode(string mode, bool kept)
    {
        var spec = Spec($"{{ container_path: /state, sink_path: data/, mode: {mode} }}");
        var container = await _harness.StartAsync(spec);
        await _harness.ExecAsync(container, "echo a > /state/a.txt && echo b > /state/b.txt");
        await _harness.RunAsync(container, spec, "dave", SyncTrigger.Release);
        await _harness.ExecAsync(container, "rm /state/b.txt");

        var result = await _harness.RunAsync(container, spec, "dave", SyncTrigger.Periodic);

        Assert.Equal(kept, File.Exists(SinkFile("dave", "b.txt")));
        Assert.Equal(kept ? 0 : 1, result.FilesDeleted);
        Assert.True(File.Exists(SinkFile("dave", "a.txt")));
    }

    [Theory]
    [InlineData("sync", false)]
    [InlineData("copy", true)]
    public async Task Download_deletes_in_the_container_what_the_sink_no_longer_has_only_in_sync_mode(string mode, bool kept)
    {
        var spec = Spec($"{{ container_path: /state, sink_path: data/, mode: {mode} }}");
        var container = await _harness.StartAsync(spec);
        await _harness.ExecAsync(container, "echo a > /state/a.txt && echo b > /state/b.txt");
        await _harness.RunAsync(container, spec, "erin", SyncTrigger.Release);
        // Removed from the sink and its manifest (an object the manifest still names is a damaged save instead).
        File.Delete(SinkFile("erin", "b.txt"));
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(SinkFile("erin", SyncManifest.FileName)))!.AsObject();
        manifest.Remove("b.txt");
        await File.WriteAllTextAsync(SinkFile("erin", SyncManifest.FileName), manifest.ToJsonString());

        await _harness.RunAsync(container, spec, "erin", SyncTrigger.Manual, SyncDirection.Download);

        var files = await _harness.ExecAsync(container, "ls /state");
        Assert.Equal(kept, files.Contains("b.txt", StringComparison.Ordinal));
        Assert.Contains("a.txt", files, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mapping_below_the_volume_root_is_created_on_restore()
    {
        var spec = Spec("{ container_path: /state/app/data, sink_path: data/ }");
        var first = await _harness.StartAsync(spec);
        await _harness.ExecAsync(first, "mkdir -p /state/app/data && echo deep > /state/app/data/x.txt");
        await _harness.RunAsync(first, spec, "frank", SyncTrigger.Release);

        var second = await _harness.StartAsync(spec);
        await _harness.RunAsync(second, spec, "frank", SyncTrigger.Claim);

        Assert.Equal("deep\n", await _harness.ExecAsync(second, "cat /state/app/data/x.txt"));
    }

    [Theory]
    [InlineData("../other")]
    [InlineData("a/../../b")]
    [InlineData("%2e%2e")]
    [InlineData("tenant/../x")]
    [InlineData("..")]
    [InlineData("UPPER")]
    public async Task Hostile_tenant_ids_are_refused_before_anything_moves(string tenant)
    {
        var spec = Spec();
        var container = await _harness.StartAsync(spec);
        await _harness.ExecAsync(container, "echo x > /state/x.txt");

        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => _harness.RunAsync(container, spec, tenant, SyncTrigger.Release));

        Assert.Equal(ErrorCodes.InvalidId, error.Code);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_sink));
    }

    [Fact]
    public async Task Planted_names_never_escape_and_other_tenants_are_untouched()
    {
        var spec = Spec();
        var container = await _harness.StartAsync(spec);
        Directory.CreateDirectory(Path.GetDirectoryName(SinkFile("gina", "x"))!);
        await File.WriteAllTextAsync(SinkFile("gina", "ok.txt"), "fine");
        await File.WriteAllTextAsync(SinkFile("gina", "..\\..\\escape.txt"), "evil");
        Directory.CreateDirectory(Path.GetDirectoryName(SinkFile("ginab", "x"))!);
        await File.WriteAllTextAsync(SinkFile("ginab", "neighbour.txt"), "not yours");

        await _harness.RunAsync(container, spec, "gina", SyncTrigger.Claim);
        await _harness.ExecAsync(container, "rm /state/ok.txt");
        await _harness.RunAsync(container, spec, "gina", SyncTrigger.Release);

        Assert.Equal("", await _harness.ExecAsync(container, "ls /state"));
        Assert.Equal("not yours", await File.ReadAllTextAsync(SinkFile("ginab", "neighbour.txt")));
        Assert.Equal("evil", await File.ReadAllTextAsync(SinkFile("gina", "..\\..\\escape.txt")));
    }

    [Fact]
    public async Task Policy_decides_what_a_trigger_moves()
    {
        var spec = Spec(policy: "\npolicy: { on_claim: false, on_release: false }");
        var container = await _harness.StartAsync(spec);
        await _harness.ExecAsync(container, "echo x > /state/x.txt");

        var release = await _harness.RunAsync(container, spec, "hank", SyncTrigger.Release);
        var manual = await _harness.RunAsync(container, spec, "hank", SyncTrigger.Manual, SyncDirection.Upload);

        Assert.Empty(release.Mappings);
        Assert.Equal(1, manual.FilesTransferred);
    }
}

/// <summary><see cref="SyncEngineTests"/> with direct volume use turned off: every byte through Docker's archive API, as on remote engines.</summary>
public sealed class SyncEngineOverArchiveTests() : SyncEngineTests(new DockerEndpoint { DirectVolumeWrites = false });
