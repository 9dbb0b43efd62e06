using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Sync.Tests.Engine;

/// <summary>
/// Someone who can write a tenant's local sink folder plants links to host files and folders; with
/// mode sync, restore and save must read, write and delete nothing outside the sink (temp folders
/// stand in for /etc/shadow, /etc/cron.d and /etc).
/// </summary>
public sealed class LinkedSinkTests : IAsyncLifetime
{
    private readonly SyncHarness _harness = new();
    private string _sink = null!;
    private string _host = null!;

    public Task InitializeAsync()
    {
        _sink = Directory.CreateTempSubdirectory("bh-linked-sink-").FullName;
        _host = Directory.CreateTempSubdirectory("bh-linked-host-").FullName;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        Directory.Delete(_sink, recursive: true);
        Directory.Delete(_host, recursive: true);
    }

    private WorkloadSpec Spec() => SyncHarness.Workload(
        $"    sink: {{ type: local, path: \"{_sink}\", prefix: \"t/${{tenantId}}/\" }}\n    mappings:\n      - {{ container_path: /state, sink_path: data/, mode: sync }}");

    private string TenantData(string tenant) => Path.Combine(_sink, "t", tenant, "data");

    [Fact]
    public async Task A_link_to_a_host_file_is_never_restored_into_the_container()
    {
        var spec = Spec();
        var secret = Path.Combine(_host, "shadow");
        await File.WriteAllTextAsync(secret, "root:secret-hash");
        var tenant = $"x{Guid.NewGuid():N}"[..12];
        Directory.CreateDirectory(TenantData(tenant));
        await File.WriteAllTextAsync(Path.Combine(TenantData(tenant), "ok.txt"), "fine");
        File.CreateSymbolicLink(Path.Combine(TenantData(tenant), "x"), secret);
        var container = await _harness.StartAsync(spec);

        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => _harness.RunAsync(container, spec, tenant, SyncTrigger.Claim));

        Assert.Equal(ErrorCodes.SyncFailed, error.Code);
        Assert.Contains("data/x", error.Message, StringComparison.Ordinal);
        Assert.Contains("link", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-hash", await _harness.ExecAsync(container, "cat /state/* 2>/dev/null; true"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_to_a_host_folder_is_never_written_through()
    {
        var spec = Spec();
        var cron = Directory.CreateDirectory(Path.Combine(_host, "cron.d")).FullName;
        var tenant = $"d{Guid.NewGuid():N}"[..12];
        Directory.CreateDirectory(TenantData(tenant));
        Directory.CreateSymbolicLink(Path.Combine(TenantData(tenant), "d"), cron);
        var container = await _harness.StartAsync(spec);
        await _harness.ExecAsync(container, "mkdir -p /state/d && echo '* * * * * root evil' > /state/d/job");

        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => _harness.RunAsync(container, spec, tenant, SyncTrigger.Release));

        Assert.Equal(ErrorCodes.SyncFailed, error.Code);
        Assert.Contains("data/d", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(cron));
    }

    [Fact]
    public async Task A_linked_mapping_folder_in_sync_mode_deletes_and_reads_nothing_outside_the_sink()
    {
        var spec = Spec();
        var etc = Directory.CreateDirectory(Path.Combine(_host, "etc")).FullName;
        await File.WriteAllTextAsync(Path.Combine(etc, "passwd"), "root:x:0:0");
        var tenant = $"a{Guid.NewGuid():N}"[..12];
        Directory.CreateDirectory(Path.Combine(_sink, "t", tenant));
        Directory.CreateSymbolicLink(TenantData(tenant), etc);
        var container = await _harness.StartAsync(spec);

        var save = await Assert.ThrowsAsync<BoilerhouseException>(() => _harness.RunAsync(container, spec, tenant, SyncTrigger.Release));
        var restore = await Assert.ThrowsAsync<BoilerhouseException>(() => _harness.RunAsync(container, spec, tenant, SyncTrigger.Claim));

        Assert.Equal((ErrorCodes.SyncFailed, ErrorCodes.SyncFailed), (save.Code, restore.Code));
        Assert.Equal(["passwd"], Directory.EnumerateFileSystemEntries(etc).Select(Path.GetFileName));
        Assert.Equal("root:x:0:0", await File.ReadAllTextAsync(Path.Combine(etc, "passwd")));
        Assert.Equal("", await _harness.ExecAsync(container, "ls -A /state"));
    }
}
