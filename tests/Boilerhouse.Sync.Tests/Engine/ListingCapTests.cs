using Boilerhouse.Core.Errors;
using Boilerhouse.Sync.Limits;
using Boilerhouse.Sync.Tests.Infrastructure;

namespace Boilerhouse.Sync.Tests.Engine;

/// <summary>A listing that never ends stops being read at the cap and fails the run clearly.</summary>
public sealed class ListingCapTests : IAsyncLifetime
{
    private readonly string _sink = Directory.CreateTempSubdirectory("bh-sync-listing-").FullName;
    private EndlessListingSink? _endless;
    private SyncHarness _harness = null!;

    public Task InitializeAsync()
    {
        _harness = new SyncHarness(decorate: sink => _endless = new EndlessListingSink(sink));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        Directory.Delete(_sink, recursive: true);
    }

    [Fact]
    public async Task An_endless_listing_is_read_only_up_to_the_cap_and_fails_the_restore()
    {
        var spec = SyncHarness.Workload(
            $"    sink: {{ type: local, path: \"{_sink}\", prefix: \"t/${{tenantId}}/\" }}\n    mappings:\n      - {{ container_path: /state }}");
        var container = await _harness.StartAsync(spec);

        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => _harness.RunAsync(container, spec, "endless", SyncTrigger.Claim));

        Assert.Equal(ErrorCodes.SyncFailed, error.Code);
        Assert.Contains($"more than {SinkReadCaps.ListingEntries} objects", error.Message, StringComparison.Ordinal);
        Assert.Equal(SinkReadCaps.ListingEntries + 1, _endless!.Listed);
    }
}
