using System.Collections.Concurrent;
using System.Diagnostics;

namespace Boilerhouse.Bench;

/// <summary>
/// Fairness under contention (issue 20): 8 tenants cycle claim (config + secrets) and release on a
/// pool of max 6 for a while, so claims keep waiting for each other. Every claim should be served,
/// first come first served, so none waits much longer than the claims ahead of it take.
/// </summary>
public sealed class SoakScenario(BenchOptions options, Results results)
{
    private const int Tenants = 8;
    private const int MaxSize = 6;

    public async Task RunAsync()
    {
        var length = options.Quick ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(90);
        await using var host = await BenchHost.StartAsync(options, new Dictionary<string, string> { ["soak"] = BenchWorkloads.Web("soak", 2, MaxSize) });
        await host.Api.WaitWarmAsync("soak", 2, TimeSpan.FromMinutes(5));
        var loadAtStart = MachineLoad();

        var served = new ConcurrentBag<double>();
        var failed = new ConcurrentBag<string>();
        var until = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, Tenants).Select(i => CycleAsync(host.Api, $"soak-{i}", until, served, failed)));

        var claims = Stats.Of([.. served]);
        var longest = served.IsEmpty ? 0 : served.Max();
        var context = $"{Tenants} tenants, max_size {MaxSize}, {length.TotalSeconds:0} s; load average {loadAtStart} at start, {MachineLoad()} at end";
        results.Add(new("13. soak", $"claims served ({context})", $"{served.Count} served, {failed.Count} failed", "0 failed", failed.IsEmpty,
            failed.IsEmpty ? "" : string.Join("; ", failed.GroupBy(f => f).Select(g => $"{g.Key} x{g.Count()}"))));
        results.Add(new("13. soak", "claim time (waiting in line included)", $"{claims}", "", null));
        results.Add(new("13. soak", "longest wait", $"{longest / 1000:0.0} s", "", null));
    }

    /// <summary>One tenant claiming and releasing until the end; a failed claim is counted with its answer and the tenant goes on.</summary>
    private static async Task CycleAsync(BenchApi api, string tenant, long until, ConcurrentBag<double> served, ConcurrentBag<string> failed)
    {
        while (Stopwatch.GetTimestamp() < until)
        {
            try
            {
                served.Add((await api.ClaimAsync(tenant, "soak", BenchApi.WithProvisioning)).Ms);
            }
            catch (InvalidOperationException ex)
            {
                failed.Add(ex.Message.Contains("POOL_EXHAUSTED", StringComparison.Ordinal) ? "POOL_EXHAUSTED" : ex.Message[..Math.Min(120, ex.Message.Length)]);
                continue;
            }

            await api.ReleaseAsync(tenant);
        }
    }

    private static string MachineLoad() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
