using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Boilerhouse.Bench;

/// <summary>
/// Events and sampling (issue 15): how long an event takes from its own time to a subscriber over
/// SSE and over the WebSocket; that subscribers which never read do not slow warm claims; and what
/// resource sampling costs the host in CPU time per container and sweep.
/// </summary>
public sealed class EventsScenario(BenchOptions options, Results results)
{
    private const int StalledCount = 20;
    private const int BlockSize = 5;
    private const string Scenario = "9. events";
    private const string Sampling = "9. sampling";

    public async Task RunAsync()
    {
        var loadBefore = LoadAverage();
        await LatencyAndStalledSubscribersAsync();
        await SamplerCostAsync();
        // The figures mean little without it: on a shared machine the run queue decides the tails.
        results.Add(new(Scenario, "machine load (1-minute load average, before / after the scenario)", $"{loadBefore} / {LoadAverage()} on {Environment.ProcessorCount} cores", "", null));
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private async Task LatencyAndStalledSubscribersAsync()
    {
        const int warm = 2;
        await using var host = await BenchHost.StartAsync(options, new Dictionary<string, string> { ["ev"] = BenchWorkloads.Tiny("ev", warm, 2 * warm) });
        await host.Api.WaitQuietAsync("ev", warm, TimeSpan.FromMinutes(5));

        // One tenant claims and releases N times, watched by one SSE and one WebSocket subscriber.
        var tenant = $"ev-{Guid.NewGuid():N}"[..16];
        var n = options.EventSamples;
        await using (var sse = await EventListener.SseAsync(host.BaseAddress, $"tenantId={tenant}"))
        await using (var ws = await EventListener.WebSocketAsync(host.BaseAddress, $"tenantId={tenant}"))
        {
            for (var i = 0; i < n; i++)
            {
                await host.Api.WaitQuietAsync("ev", warm, TimeSpan.FromMinutes(5));
                await host.Api.ClaimAsync(tenant, "ev", BenchApi.NoProvisioning);
                await host.Api.ReleaseAsync(tenant);
            }

            await WaitForAsync(() => sse.Count("container.released") >= n && ws.Count("container.released") >= n,
                $"both subscribers to see {n} container.released events");
            ReportLatency("SSE", sse.Latencies);
            ReportLatency("WebSocket", ws.Latencies);
        }

        // Warm claims without subscribers and with 20 that never read, in alternating blocks.
        var none = new List<double>();
        var stalled = new List<double>();
        var claimSamples = options.StalledClaimSamples;
        for (var block = 0; none.Count < claimSamples || stalled.Count < claimSamples; block++)
        {
            var withStalled = block % 2 == 1;
            using var subscribers = withStalled ? await StalledSubscribers.OpenAsync(host.BaseAddress, StalledCount) : null;
            for (var i = 0; i < BlockSize; i++)
            {
                var name = $"st-{block}-{i}";
                await host.Api.WaitQuietAsync("ev", warm, TimeSpan.FromMinutes(5));
                (withStalled ? stalled : none).Add((await host.Api.ClaimAsync(name, "ev", BenchApi.NoProvisioning)).Ms);
                await host.Api.ReleaseAsync(name);
            }
        }

        var without = Stats.Of(none);
        var with = Stats.Of(stalled);
        results.Add(new(Scenario, "warm claim, no subscriber", $"{without}", "", null));
        results.Add(new(Scenario, $"warm claim, {StalledCount} SSE subscribers to every event that never read", $"{with}", "", null));
        var ratio = with.Median / without.Median;
        results.Add(new(Scenario, "stalled subscribers / none, ratio of medians (alternating blocks of 5)", $"{ratio:0.00}", "<= 1.10", ratio <= 1.10));
    }

    /// <summary>
    /// Two hosts with K containers each, side by side so the machine's noise hits both: one samples
    /// every 2 s, the other every hour. The difference of their CPU time over the same window, per
    /// sweep and container, is what sampling costs the host.
    /// </summary>
    private async Task SamplerCostAsync()
    {
        const int intervalSeconds = 2;
        var k = options.SamplerContainers;
        var window = options.SamplerWindow;
        var hosts = await Task.WhenAll(
            BenchHost.StartAsync(options, new Dictionary<string, string> { ["smp"] = BenchWorkloads.Tiny("smp", k, k) }, parallelCreates: 8,
                environment: new Dictionary<string, string> { ["BOILERHOUSE_STATS_INTERVAL_SECONDS"] = $"{intervalSeconds}" }),
            BenchHost.StartAsync(options, new Dictionary<string, string> { ["smp"] = BenchWorkloads.Tiny("smp", k, k) }, parallelCreates: 8,
                environment: new Dictionary<string, string> { ["BOILERHOUSE_STATS_INTERVAL_SECONDS"] = "3600" }));
        await using var sampling = hosts[0];
        await using var idle = hosts[1];
        await Task.WhenAll(sampling.Api.WaitQuietAsync("smp", k, TimeSpan.FromMinutes(10)), idle.Api.WaitQuietAsync("smp", k, TimeSpan.FromMinutes(10)));
        // Let the sampling host sweep all K containers at least once before the window opens.
        await WaitForAsync(async () => (await LastSweepAsync(sampling))?["containers"]?.GetValue<int>() >= k, $"a sweep of {k} containers");

        var started = Stopwatch.GetTimestamp();
        var (sampling0, idle0) = (ProcessCpu.Of(sampling.ProcessId), ProcessCpu.Of(idle.ProcessId));
        await Task.Delay(window);
        var (sampling1, idle1) = (ProcessCpu.Of(sampling.ProcessId), ProcessCpu.Of(idle.ProcessId));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var lastSweep = await LastSweepAsync(sampling);

        var sweeps = elapsed.TotalSeconds / intervalSeconds;
        var extraMs = ((sampling1 - sampling0) - (idle1 - idle0)).TotalMilliseconds;
        var perSweepMs = extraMs / sweeps;
        results.Add(new(Sampling, $"host CPU per sweep per container ({k} tiny containers, 2 s interval minus 1 h interval, {elapsed.TotalSeconds:0} s side by side)",
            $"{perSweepMs / k:0.00} ms ({perSweepMs:0} ms per sweep; host CPU {Percent(sampling1 - sampling0, elapsed)} vs {Percent(idle1 - idle0, elapsed)} of a core)", "", null));
        results.Add(new(Sampling, "the engine's own figure: last sweep (wall time, stats calls in parallel)",
            lastSweep is null ? "none" : $"{lastSweep["elapsedMilliseconds"]!.GetValue<double>():0} ms for {lastSweep["containers"]} containers, "
                + $"{lastSweep["millisecondsPerContainer"]?.GetValue<double>():0.0} ms per container", "", null));
    }

    private void ReportLatency(string transport, IReadOnlyList<double> latencies)
    {
        var stats = Stats.Of(latencies.ToList());
        results.Add(new(Scenario, $"event time to arrival at a {transport} subscriber (claims and releases of one tenant)", $"{stats}", "p99 <= 100 ms",
            stats.P99 <= 100, stats.P99 <= 100 ? "" : $"(over by {stats.P99 - 100:0.0} ms)"));
    }

    private static async Task<JsonNode?> LastSweepAsync(BenchHost host)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        return JsonNode.Parse(await http.GetStringAsync("/api/v1/hosts/local/stats"))!["lastSweep"];
    }

    private static string Percent(TimeSpan cpu, TimeSpan wall) => $"{cpu / wall:0.0%}";

    private static Task WaitForAsync(Func<bool> done, string what) => WaitForAsync(() => Task.FromResult(done()), what);

    /// <summary>Polls until <paramref name="done"/>; 90 s is generous for a loaded machine.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> done, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await done())
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException($"Waited 90 s for {what}.");
            }

            await Task.Delay(100);
        }
    }
}
