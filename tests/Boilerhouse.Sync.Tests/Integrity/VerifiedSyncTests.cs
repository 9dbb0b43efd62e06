using System.Text.Json.Nodes;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Sync.Integrity;
using Boilerhouse.Sync.Sinks;
using Boilerhouse.Sync.Tests.Engine;

namespace Boilerhouse.Sync.Tests.Integrity;

/// <summary>
/// The engine between real containers and a local folder sink, with saved state damaged behind its
/// back: restores refuse what does not match the manifest, saves that stop half-way leave a journal,
/// the verifier reports exactly the damage, and a same-second change is never missed.
/// </summary>
public sealed class VerifiedSyncTests : IAsyncLifetime
{
    private const long Epoch = 1_700_000_000; // 2023-11-14 22:13:20 UTC
    private readonly SettableTime _time = new();
    private readonly SyncOptions _options = new();
    private SyncHarness _harness = null!;
    private string _sink = null!;

    public Task InitializeAsync()
    {
        _sink = Directory.CreateTempSubdirectory("bh-sync-verified-").FullName;
        _harness = new SyncHarness(options: _options, time: _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        Directory.Delete(_sink, recursive: true);
    }

    private WorkloadSpec Spec() => SyncHarness.Workload(
        $"    sink: {{ type: local, path: \"{_sink}\", prefix: \"t/${{tenantId}}/\" }}\n    mappings:\n      - {{ container_path: /state, sink_path: data/ }}");

    private string SinkFile(string tenant, string path) => Path.Combine(_sink, "t", tenant, "data", path);

    private async Task<string> SavedAsync(WorkloadSpec spec, string tenant, string script)
    {
        var container = await _harness.StartAsync(spec);
        await _harness.ExecAsync(container, script);
        await _harness.RunAsync(container, spec, tenant, SyncTrigger.Release);
        return container;
    }

    [Fact]
    public async Task Same_size_change_in_the_second_of_the_last_save_is_uploaded_by_the_next_save()
    {
        var spec = Spec();
        var container = await _harness.StartAsync(spec);
        // Given a file saved within the second it was written
        await _harness.ExecAsync(container, "echo aaaa > /state/f.txt && touch -t 202311142213.20 /state/f.txt");
        _time.Now = DateTimeOffset.FromUnixTimeSeconds(Epoch + 1);
        await _harness.RunAsync(container, spec, "quick", SyncTrigger.Periodic);

        // When it changes, same size, same second, and the next save comes much later
        await _harness.ExecAsync(container, "echo bbbb > /state/f.txt && touch -t 202311142213.20 /state/f.txt");
        _time.Now = DateTimeOffset.FromUnixTimeSeconds(Epoch + 100);
        var next = await _harness.RunAsync(container, spec, "quick", SyncTrigger.Periodic);

        // Then the change is uploaded, and from then on the file's time is trusted
        Assert.Equal(1, next.FilesTransferred);
        Assert.Equal("bbbb\n", await File.ReadAllTextAsync(SinkFile("quick", "f.txt")));
        _time.Now = DateTimeOffset.FromUnixTimeSeconds(Epoch + 200);
        var third = await _harness.RunAsync(container, spec, "quick", SyncTrigger.Periodic);
        Assert.Equal((0, 1), (third.FilesTransferred, third.FilesSkipped));
    }

    [Fact]
    public async Task Altered_object_fails_the_restore_with_state_integrity_naming_it_and_nothing_altered_reaches_the_container()
    {
        var spec = Spec();
        await SavedAsync(spec, "alt", "echo good-state > /state/a.txt && echo other > /state/b.txt");
        await File.WriteAllTextAsync(SinkFile("alt", "a.txt"), "evil-state\n"); // same size, other bytes

        var second = await _harness.StartAsync(spec);
        var failed = await Assert.ThrowsAsync<BoilerhouseException>(() => _harness.RunAsync(second, spec, "alt", SyncTrigger.Claim));

        Assert.Equal(IntegrityErrorCodes.StateIntegrity, failed.Code);
        Assert.Contains("t/alt/data/a.txt", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", await _harness.ExecAsync(second, "cat /state/* 2>/dev/null; true"), StringComparison.Ordinal);
        Assert.Equal("evil-state\n", await File.ReadAllTextAsync(SinkFile("alt", "a.txt")));
    }

    [Fact]
    public async Task Object_named_in_the_manifest_but_missing_fails_the_restore_and_no_empty_file_appears()
    {
        var spec = Spec();
        await SavedAsync(spec, "gone", "echo keep > /state/a.txt && echo lost > /state/b.txt");
        File.Delete(SinkFile("gone", "b.txt"));

        var second = await _harness.StartAsync(spec);
        var failed = await Assert.ThrowsAsync<BoilerhouseException>(() => _harness.RunAsync(second, spec, "gone", SyncTrigger.Claim));

        Assert.Equal(IntegrityErrorCodes.StateIntegrity, failed.Code);
        Assert.Contains("t/gone/data/b.txt", failed.Message, StringComparison.Ordinal);
        Assert.Equal("absent", await _harness.ExecAsync(second, "test -e /state/b.txt && echo present || echo absent").ContinueWith(t => t.Result.Trim()));
    }

    [Fact]
    public async Task Unreadable_manifest_fails_the_restore()
    {
        var spec = Spec();
        await SavedAsync(spec, "torn", "echo x > /state/a.txt");
        await File.WriteAllTextAsync(SinkFile("torn", SyncManifest.FileName), "{\"a.txt\": {\"size\": 2, \"sha");

        var second = await _harness.StartAsync(spec);
        var failed = await Assert.ThrowsAsync<BoilerhouseException>(() => _harness.RunAsync(second, spec, "torn", SyncTrigger.Claim));

        Assert.Equal(IntegrityErrorCodes.StateIntegrity, failed.Code);
        Assert.Contains(SyncManifest.FileName, failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_stopped_between_data_and_manifest_leaves_a_journal_that_restores_and_verifies_clean()
    {
        var spec = Spec();
        var container = await SavedAsync(spec, "jr", "echo one > /state/a.txt && echo same > /state/b.txt");
        await _harness.ExecAsync(container, "echo two-longer > /state/a.txt && echo new > /state/c.txt");

        // When a save stops after its data, before its final manifest
        _options.BeforeFinalManifest = () => throw new InvalidOperationException("stopped before the manifest");
        await Assert.ThrowsAsync<BoilerhouseException>(() => _harness.RunAsync(container, spec, "jr", SyncTrigger.Release));
        _options.BeforeFinalManifest = null;

        // Then the manifest is the journal: the changed files pending, with the previous content of the overwritten one
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(SinkFile("jr", SyncManifest.FileName)))!;
        Assert.True(manifest["a.txt"]!["pending"]!.GetValue<bool>());
        Assert.Equal(4, manifest["a.txt"]!["previous"]!["size"]!.GetValue<long>());
        Assert.True(manifest["c.txt"]!["pending"]!.GetValue<bool>());
        Assert.Null(manifest["b.txt"]!["pending"]);
        // and the state restores and verifies clean
        var report = await new StateVerifier(new SinkFactory(_ => null)).VerifyAsync(spec.Sync!, new SyncScope("jr", spec.Id, spec.Id), CancellationToken.None);
        Assert.True(report.Intact);
        Assert.Equal(["a.txt", "c.txt"], report.Mappings.Single().Pending);
        var second = await _harness.StartAsync(spec);
        await _harness.RunAsync(second, spec, "jr", SyncTrigger.Claim);
        Assert.Equal(await _harness.HashesAsync(container), await _harness.HashesAsync(second));
        // and the next save completes the manifest
        await _harness.RunAsync(container, spec, "jr", SyncTrigger.Release);
        Assert.DoesNotContain("pending", await File.ReadAllTextAsync(SinkFile("jr", SyncManifest.FileName)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verifier_reports_exactly_the_damage_and_changes_nothing()
    {
        var spec = Spec();
        await SavedAsync(spec, "ver", "echo a > /state/a.txt && echo b > /state/b.txt && echo c > /state/c.txt");
        await File.WriteAllTextAsync(SinkFile("ver", "a.txt"), "altered\n");
        File.Delete(SinkFile("ver", "b.txt"));
        await File.WriteAllTextAsync(SinkFile("ver", "extra.txt"), "by hand\n");
        var before = Directory.GetFiles(_sink, "*", SearchOption.AllDirectories).Order().Select(f => (f, File.ReadAllText(f))).ToList();

        var report = await new StateVerifier(new SinkFactory(_ => null)).VerifyAsync(spec.Sync!, new SyncScope("ver", spec.Id, spec.Id), CancellationToken.None);

        Assert.False(report.Intact);
        var mapping = report.Mappings.Single();
        Assert.Equal("present", mapping.Manifest);
        Assert.Equal("a.txt", Assert.Single(mapping.Differs).Path);
        Assert.Equal(8, mapping.Differs[0].ActualSize);
        Assert.Equal(["b.txt"], mapping.Missing);
        Assert.Equal(["extra.txt"], mapping.Unrecorded);
        Assert.Equal(2, mapping.Checked);
        Assert.Equal(before, Directory.GetFiles(_sink, "*", SearchOption.AllDirectories).Order().Select(f => (f, File.ReadAllText(f))).ToList());
    }

    private sealed class SettableTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
