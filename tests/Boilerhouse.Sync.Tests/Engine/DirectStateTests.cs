using Boilerhouse.Core.Workloads;
using Boilerhouse.Docker;

namespace Boilerhouse.Sync.Tests.Engine;

/// <summary>
/// State sync straight through the state volume's folder on the local engine: the container owns
/// that folder and may plant links, pipes or devices in it, pointing at this machine's files. Nothing
/// outside the volume may ever be read (and saved) or written (by a restore).
/// </summary>
public sealed class DirectStateTests : IAsyncLifetime
{
    private readonly SyncHarness _harness = new();
    private readonly string _host = Directory.CreateTempSubdirectory("bh-sync-host-").FullName;
    private string _sink = null!;

    public Task InitializeAsync()
    {
        _sink = Directory.CreateTempSubdirectory("bh-sync-direct-").FullName;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        Directory.Delete(_sink, recursive: true);
        Directory.Delete(_host, recursive: true);
    }

    private WorkloadSpec Spec() => SyncHarness.Workload(
        $"sink: {{ type: local, path: \"{_sink}\", prefix: \"t/${{tenantId}}/\" }}\nmappings:\n  - {{ container_path: /state, sink_path: data/ }}");

    private string SinkFolder(string tenant) => Path.Combine(_sink, "t", tenant, "data");

    [Fact]
    public async Task The_local_state_volume_is_used_directly_unless_direct_volume_use_is_off()
    {
        var container = await _harness.StartAsync(Spec());
        using var archiveOnly = new DockerContainerRuntime(new DockerEndpoint { DirectVolumeWrites = false });

        using var local = await _harness.Runtime.OpenLocalFolderAsync(container, "/state", CancellationToken.None);
        using var none = await archiveOnly.OpenLocalFolderAsync(container, "/state", CancellationToken.None);

        Assert.NotNull(local);
        Assert.Null(none);
    }

    [Fact]
    public async Task Links_and_pipes_planted_in_the_state_folder_are_never_read_through_by_a_save()
    {
        // Given files of this machine, and a container linking to them (and a pipe; devices it cannot make: see LinkSafeFolderTests) from its state folder
        var secret = Path.Combine(_host, "secret.txt");
        await File.WriteAllTextAsync(secret, "host secret");
        Directory.CreateDirectory(Path.Combine(_host, "dir"));
        await File.WriteAllTextAsync(Path.Combine(_host, "dir", "inner.txt"), "host inner");
        var spec = Spec();
        var container = await _harness.StartAsync(spec);
        await _harness.ExecAsync(container,
            $"echo ok > /state/ok.txt && ln -s {secret} /state/leak.txt && ln -s {_host}/dir /state/leakdir"
            + $" && mkdir /state/sub && ln -s {_host} /state/sub/up && mkfifo /state/pipe");

        // When the state is saved
        var save = await _harness.RunAsync(container, spec, "mallory", SyncTrigger.Release);

        // Then only the regular file went to the sink, and this machine's files are as they were
        Assert.Equal(1, save.FilesTransferred);
        Assert.Equal([SyncManifest.FileName, "ok.txt"], Directory.EnumerateFiles(SinkFolder("mallory"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(SinkFolder("mallory"), f)).Order(StringComparer.Ordinal));
        Assert.Equal("host secret", await File.ReadAllTextAsync(secret));
    }

    [Fact]
    public async Task Links_planted_where_a_restore_writes_are_replaced_and_never_written_through()
    {
        // Given saved state with a folder and a top file
        var spec = Spec();
        var first = await _harness.StartAsync(spec);
        await _harness.ExecAsync(first, "mkdir -p /state/a/b && echo one > /state/a/b/one.json && dd if=/dev/urandom of=/state/top.bin bs=1k count=300 2>/dev/null");
        var expected = await _harness.HashesAsync(first);
        await _harness.RunAsync(first, spec, "trudy", SyncTrigger.Release);

        // And a new container whose state folder links those names to this machine's folder and file
        var victim = Path.Combine(_host, "victim.bin");
        await File.WriteAllTextAsync(victim, "untouched");
        var second = await _harness.StartAsync(spec);
        await _harness.ExecAsync(second, $"ln -s {_host} /state/a && ln -s {victim} /state/top.bin");

        // When the state is restored
        var restore = await _harness.RunAsync(second, spec, "trudy", SyncTrigger.Claim);

        // Then the container has every byte in real files and folders, and nothing outside changed
        Assert.Equal(2, restore.FilesTransferred);
        Assert.Equal(expected, await _harness.HashesAsync(second));
        Assert.Equal("directory regular file\n", await _harness.ExecAsync(second, "stat -c '%F' /state/a /state/top.bin | tr '\\n' ' ' | sed 's/ $//'; echo"));
        Assert.Equal("untouched", await File.ReadAllTextAsync(victim));
        Assert.Equal([victim], Directory.EnumerateFileSystemEntries(_host));
    }

    [Fact]
    public async Task An_incremental_save_reads_only_the_changed_file_and_keeps_the_others()
    {
        // Given saved state of many files
        var spec = Spec();
        var container = await _harness.StartAsync(spec);
        await _harness.ExecAsync(container, "mkdir /state/s && for i in $(seq 1 30); do echo $i > /state/s/f$i; done && touch -d '2020-01-01' /state/s/*");
        await _harness.RunAsync(container, spec, "ivan", SyncTrigger.Release);

        // When one changes and the state is saved again
        await _harness.ExecAsync(container, "echo changed > /state/s/f7");
        var again = await _harness.RunAsync(container, spec, "ivan", SyncTrigger.Periodic);

        // Then only that one moved, and the sink holds the new bytes
        Assert.Equal((1, 29), (again.FilesTransferred, again.FilesSkipped));
        Assert.Equal("changed\n", await File.ReadAllTextAsync(Path.Combine(SinkFolder("ivan"), "s", "f7")));
    }
}
