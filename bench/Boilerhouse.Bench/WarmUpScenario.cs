using System.Diagnostics;

namespace Boilerhouse.Bench;

/// <summary>
/// Scenario 5: from host start to W healthy warm containers of the web workload, against the same W
/// containers run by `docker run` alone (<see cref="RawDockerRun"/>), alternating, in the same run.
/// </summary>
public sealed class WarmUpScenario(BenchOptions options, Results results)
{
    private const int Rounds = 2;
    private const int Parallel = 8;

    public async Task RunAsync()
    {
        var w = options.WarmUpContainers;
        var ours = new List<(double Total, double Answering)>();
        var raw = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            raw.Add((await RawDockerRun.TimeUntilHealthyAsync(w, Parallel)).TotalSeconds);
            ours.Add(await OursAsync(w));
        }

        var total = Stats.Of(ours.Select(o => o.Total).ToList()).Median;
        var answering = Stats.Of(ours.Select(o => o.Answering).ToList()).Median;
        var baseline = Stats.Of(raw).Median;
        results.Add(new("5. warm-up", $"0 to {w} healthy (web, 1 s health interval), from host start", $"{total:0.0} s (host answering after {answering:0.0} s); median of {Rounds}",
            "50 in <= 10 s", w == 50 ? total <= 10 : null, w == 50 ? Over(total, 10) : "(quick run: smaller pool)"));
        results.Add(new("5. warm-up", $"raw `docker run` of the same {w} containers, {Parallel} at a time, until healthy", $"{baseline:0.0} s; median of {Rounds}", "", null));
        results.Add(new("5. warm-up", "ours after the host answers / raw Docker, ratio of medians", $"{(total - answering) / baseline:0.00}", "<= 1.10", (total - answering) / baseline <= 1.10));
    }

    private async Task<(double Total, double Answering)> OursAsync(int w)
    {
        var started = Stopwatch.GetTimestamp();
        await using var host = await BenchHost.StartAsync(options, new Dictionary<string, string> { ["warmup"] = BenchWorkloads.Web("warmup", w, w) }, parallelCreates: Parallel);
        var answering = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await host.Api.WaitWarmAsync("warmup", w, TimeSpan.FromMinutes(10));
        return (Stopwatch.GetElapsedTime(started).TotalSeconds, answering);
    }

    private static string Over(double measured, double goal) =>
        measured <= goal ? "" : $"(over by {measured - goal:0.0} s, {measured / goal:0.0}x)";
}
