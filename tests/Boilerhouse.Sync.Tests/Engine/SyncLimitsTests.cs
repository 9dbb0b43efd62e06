using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Sync.Tests.Engine;

/// <summary>
/// A tenant fills its folder with what can never be stored (too big, too many, keys too long, a huge
/// sparse file): those files are skipped and reported, the rest is saved, and the save completes.
/// </summary>
public sealed class SyncLimitsTests : IAsyncLifetime
{
    private readonly SyncHarness _harness = new();
    private string _sink = null!;

    public Task InitializeAsync()
    {
        _sink = Directory.CreateTempSubdirectory("bh-sync-limits-").FullName;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        Directory.Delete(_sink, recursive: true);
    }

    private WorkloadSpec Spec(string limits) => SyncHarness.Workload(
        $"    sink: {{ type: local, path: \"{_sink}\", prefix: \"t/${{tenantId}}/\" }}\n    mappings:\n      - {{ container_path: /state, sink_path: data/, mode: sync{limits} }}");

    private string SinkFile(string tenant, string path) => Path.Combine(_sink, "t", tenant, "data", path);

    private static string Tenant() => $"l{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task Files_beyond_the_size_and_count_limits_are_skipped_and_reported_and_the_rest_is_saved()
    {
        var spec = Spec(", max_file_size: 1k, max_files: 3");
        var tenant = Tenant();
        var container = await _harness.StartAsync(spec);
        await _harness.ExecAsync(container, "head -c 2048 /dev/zero > /state/big.bin && for f in a b c d; do echo $f > /state/$f.txt; done");

        var result = await _harness.RunAsync(container, spec, tenant, SyncTrigger.Release);

        Assert.Equal(ErrorCodes.SyncFilesRefused, result.Code);
        Assert.Equal(3, result.FilesTransferred);
        Assert.Equal(2, result.Refused.Count);
        Assert.Contains(result.Refused, r => r.Path == "big.bin" && r.Reason.Contains("max_file_size", StringComparison.Ordinal));
        Assert.Contains(result.Refused, r => r.Reason.Contains("max_files", StringComparison.Ordinal));
        Assert.False(File.Exists(SinkFile(tenant, "big.bin")));
    }

    [Fact]
    public async Task A_file_whose_key_is_longer_than_the_sink_allows_is_skipped_and_the_rest_is_saved()
    {
        var spec = Spec("");
        var tenant = Tenant();
        var container = await _harness.StartAsync(spec);
        var segment = new string('n', 200);
        var deep = string.Join('/', Enumerable.Repeat(segment, 6));
        await _harness.ExecAsync(container, $"mkdir -p /state/{deep} && echo long > /state/{deep}/f && echo fine > /state/ok.txt");

        var result = await _harness.RunAsync(container, spec, tenant, SyncTrigger.Release);

        var refused = Assert.Single(result.Refused);
        Assert.Equal($"{deep}/f", refused.Path);
        Assert.Contains("1024 bytes", refused.Reason, StringComparison.Ordinal);
        Assert.Equal("fine\n", await File.ReadAllTextAsync(SinkFile(tenant, "ok.txt")));
    }

    [Fact]
    public async Task A_file_that_grew_past_its_limit_keeps_its_earlier_copy_in_sync_mode()
    {
        var spec = Spec(", max_file_size: 1k");
        var tenant = Tenant();
        var container = await _harness.StartAsync(spec);
        await _harness.ExecAsync(container, "echo small > /state/grows.txt");
        await _harness.RunAsync(container, spec, tenant, SyncTrigger.Release);
        await _harness.ExecAsync(container, "head -c 4096 /dev/zero >> /state/grows.txt");

        var result = await _harness.RunAsync(container, spec, tenant, SyncTrigger.Periodic);
        var restored = await _harness.StartAsync(spec);
        await _harness.RunAsync(restored, spec, tenant, SyncTrigger.Claim);

        Assert.Equal((0, "grows.txt"), (result.FilesDeleted, Assert.Single(result.Refused).Path));
        Assert.Equal("small\n", await _harness.ExecAsync(restored, "cat /state/grows.txt"));
    }

    [Fact]
    public async Task A_huge_sparse_file_stops_the_folder_read_and_the_save_completes_without_deleting_anything()
    {
        var spec = Spec(", max_file_size: 64k, max_total_size: 64k");
        var tenant = Tenant();
        var container = await _harness.StartAsync(spec);
        await _harness.ExecAsync(container, "echo kept > /state/kept.txt");
        await _harness.RunAsync(container, spec, tenant, SyncTrigger.Release);
        await _harness.ExecAsync(container, "truncate -s 2G /state/sparse.bin");

        var result = await _harness.RunAsync(container, spec, tenant, SyncTrigger.Release);

        Assert.Equal(ErrorCodes.SyncFilesRefused, result.Code);
        Assert.Equal(0, result.FilesDeleted);
        Assert.False(File.Exists(SinkFile(tenant, "sparse.bin")));
        Assert.Equal("kept\n", await File.ReadAllTextAsync(SinkFile(tenant, "kept.txt")));
    }
}
