using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Sync.Limits;
using Boilerhouse.Sync.Tests.Infrastructure;

namespace Boilerhouse.Sync.Tests.Engine;

/// <summary>
/// Whoever can write a tenant's sink objects (or a lying endpoint) tries to make a run read more than
/// it planned: objects bigger than listed, a giant manifest, big files against a small spool.
/// </summary>
public sealed class SinkReadCapsTests : IAsyncLifetime
{
    private readonly string _sink = Directory.CreateTempSubdirectory("bh-sync-caps-").FullName;
    private readonly string _spool = Directory.CreateTempSubdirectory("bh-sync-spool-").FullName;
    private readonly List<MisreportingSink> _lying = [];
    private SyncHarness _harness = null!;

    public Task InitializeAsync()
    {
        var options = new SyncOptions { SpoolFolder = _spool, SpoolLimit = 12L * 1024 * 1024 };
        // Every object is listed as 10 bytes, whatever it holds.
        _harness = new SyncHarness(options: options, decorate: sink =>
        {
            var lying = new MisreportingSink(sink, o => o.Key.EndsWith(".lie", StringComparison.Ordinal) ? 10 : o.Size);
            _lying.Add(lying);
            return lying;
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        Directory.Delete(_sink, recursive: true);
        Directory.Delete(_spool, recursive: true);
    }

    private WorkloadSpec Spec() => SyncHarness.Workload(
        $"    sink: {{ type: local, path: \"{_sink}\", prefix: \"t/${{tenantId}}/\" }}\n    mappings:\n      - {{ container_path: /state, sink_path: data/ }}");

    private string TenantData(string tenant) => Directory.CreateDirectory(Path.Combine(_sink, "t", tenant, "data")).FullName;

    private static string Tenant() => $"c{Guid.NewGuid():N}"[..12];

    [Fact]
    public async Task An_object_bigger_than_listed_fails_the_restore_after_reading_no_more_than_was_listed()
    {
        var spec = Spec();
        var tenant = Tenant();
        await using (var file = File.Create(Path.Combine(TenantData(tenant), "huge.lie")))
        {
            file.SetLength(256L * 1024 * 1024);
        }

        var container = await _harness.StartAsync(spec);

        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => _harness.RunAsync(container, spec, tenant, SyncTrigger.Claim));

        Assert.Equal(ErrorCodes.SyncFailed, error.Code);
        Assert.Contains("bigger than the 10 bytes planned", error.Message, StringComparison.Ordinal);
        Assert.True(_lying.Sum(s => s.BytesRead) < 1024 * 1024, $"{_lying.Sum(s => s.BytesRead)} bytes were read");
        Assert.Equal("", await _harness.ExecAsync(container, "ls -A /state"));
    }

    [Fact]
    public async Task A_manifest_bigger_than_the_cap_is_not_read_past_it_and_is_replaced_by_the_next_save()
    {
        var spec = Spec();
        var tenant = Tenant();
        var manifest = Path.Combine(TenantData(tenant), SyncManifest.FileName);
        // Valid JSON after 80 MiB of blanks: a parser would read it all.
        await using (var file = File.Create(manifest))
        {
            var blanks = new byte[1024 * 1024];
            Array.Fill(blanks, (byte)' ');
            for (var i = 0; i < 80; i++)
            {
                await file.WriteAsync(blanks);
            }

            await file.WriteAsync("{}"u8.ToArray());
        }

        var container = await _harness.StartAsync(spec);
        await _harness.ExecAsync(container, "echo a > /state/a.txt");

        var result = await _harness.RunAsync(container, spec, tenant, SyncTrigger.Release);

        Assert.Equal(1, result.FilesTransferred);
        Assert.True(_lying.Sum(s => s.BytesRead) <= SinkReadCaps.ManifestBytes + 1024 * 1024, $"{_lying.Sum(s => s.BytesRead)} bytes were read");
        Assert.True(new FileInfo(manifest).Length < 1024);
    }

    [Fact]
    public async Task Files_bigger_than_the_spool_limit_are_refused_and_others_go_through_the_spool_folder_which_is_left_empty()
    {
        var spec = Spec();
        var tenant = Tenant();
        var container = await _harness.StartAsync(spec);
        await _harness.ExecAsync(container, "head -c 13631488 /dev/urandom > /state/too-big.bin && head -c 9437184 /dev/urandom > /state/spooled.bin");

        var result = await _harness.RunAsync(container, spec, tenant, SyncTrigger.Release);

        var refused = Assert.Single(result.Refused);
        Assert.Equal("too-big.bin", refused.Path);
        Assert.Contains("spool limit", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(9437184, new FileInfo(Path.Combine(TenantData(tenant), "spooled.bin")).Length);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_spool));
    }
}
