using System.Globalization;
using System.Text.RegularExpressions;

namespace Boilerhouse.Bench;

/// <summary>
/// Issue 6's figure: the resident memory (VmRSS) of the host process with M managed containers, beside
/// the managed heap the runtime reports on /metrics (to tell the heap from the rest). Alone
/// (--only=memory) it also times warm claims on that host, since a memory setting must not cost
/// claims, and with --baseline-host=DLL measures that build first, in the same run, for a ratio.
/// </summary>
public sealed partial class MemoryScenario(BenchOptions options, Results results)
{
    private const string Scenario = "6. memory";

    public async Task RunAsync()
    {
        var m = options.MemoryContainers;
        Figures? baseline = null;
        if (options.BaselineHostDll is { } baselineDll)
        {
            await using var host = await StartAsync(baselineDll);
            baseline = await MeasureAsync(host, "baseline build");
            await ClaimsAsync(host, "baseline build");
        }

        await using (var host = await StartAsync(options.HostDll))
        {
            var current = await MeasureAsync(host, "");
            await ClaimsAsync(host, "");
            if (baseline is not null)
            {
                results.Add(new(Scenario, $"host RSS with {m} containers: this build / baseline build", $"{current.RssMiB / baseline.RssMiB:0.00}", "", null));
            }
        }
    }

    /// <summary>The figure on a host that already runs (or is starting) M managed containers of pool "tiny".</summary>
    public async Task<Figures> MeasureAsync(BenchHost host, string label)
    {
        var m = options.MemoryContainers;
        var idle = host.RssMiB();
        await host.Api.WaitWarmAsync("tiny", m, TimeSpan.FromMinutes(20));
        // Past at least one sweep of the resource sampler (10 s) with every container tracked.
        await Task.Delay(TimeSpan.FromSeconds(15));
        var rss = host.RssMiB();
        var heap = await ManagedHeapAsync(host);
        var who = label.Length > 0 ? $", {label}" : "";
        results.Add(new(Scenario, $"host RSS with {m} managed containers{who}", $"{rss:0} MiB (at start: {idle:0} MiB)",
            "<= 250 MB at 500", m == 500 ? rss * 1.048576 <= 250 : null, m == 500 ? "" : "(quick run: fewer containers)"));
        results.Add(new(Scenario, $"of which managed heap after the last GC / committed by the GC{who}", heap, "", null));
        return new Figures(rss);
    }

    /// <summary>Warm claims (no provisioning) on the memory host, one at a time, each released before the next.</summary>
    private async Task ClaimsAsync(BenchHost host, string label)
    {
        var m = options.MemoryContainers;
        var claims = new List<double>();
        for (var i = 0; i < options.ClaimSamples / 2; i++)
        {
            await host.Api.WaitQuietAsync("tiny", m, TimeSpan.FromMinutes(5));
            claims.Add((await host.Api.ClaimAsync($"memory-{i}", "tiny", BenchApi.NoProvisioning)).Ms);
            await host.Api.ReleaseAsync($"memory-{i}");
        }

        results.Add(new(Scenario, $"warm claim with {m} managed containers{(label.Length > 0 ? $", {label}" : "")}", $"{Stats.Of(claims)}", "", null));
    }

    private Task<BenchHost> StartAsync(string hostDll) =>
        BenchHost.StartAsync(options, new Dictionary<string, string> { ["tiny"] = BenchWorkloads.Tiny("tiny", options.MemoryContainers, options.MemoryContainers) },
            parallelCreates: 8, hostDll: hostDll);

    /// <summary>The runtime's own gauges (System.Runtime meter) as the Prometheus endpoint shows them.</summary>
    private static async Task<string> ManagedHeapAsync(BenchHost host)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var text = await http.GetStringAsync("/metrics");
        var heap = HeapLine().Matches(text).Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        var committed = CommittedLine().Match(text) is { Success: true } c ? double.Parse(c.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
        return $"{heap / (1 << 20):0} / {committed / (1 << 20):0} MiB";
    }

    [GeneratedRegex(@"^dotnet_gc_last_collection_heap_size_bytes\{[^}]*\} (\S+)", RegexOptions.Multiline)]
    private static partial Regex HeapLine();

    [GeneratedRegex(@"^dotnet_gc_last_collection_memory_committed_size_bytes(?:\{[^}]*\})? (\S+)", RegexOptions.Multiline)]
    private static partial Regex CommittedLine();

    public sealed record Figures(double RssMiB);
}
