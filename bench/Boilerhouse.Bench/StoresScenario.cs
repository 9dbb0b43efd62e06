using System.Diagnostics;

namespace Boilerhouse.Bench;

/// <summary>
/// Scenario 4 on both stores in one run: N tenants claim at once from a pool pre-warmed to N, on a
/// host with SQLite and on one with PostgreSQL (a fresh database on the cluster of
/// eng/setup-postgres.sh). With BENCH_BASELINE_HOST_DLL (a host built from another commit) each
/// store is also measured on that build, alternating, and the ratio to it is reported.
/// </summary>
public sealed class StoresScenario(BenchOptions options, Results results)
{
    public const string BaselineSetting = "BENCH_BASELINE_HOST_DLL";

    private double _sqliteRate;

    public async Task RunAsync()
    {
        var n = options.ThroughputTenants;
        var baseline = Environment.GetEnvironmentVariable(BaselineSetting);
        results.Add(new("4s. stores", "machine load (1-min load average) at start", LoadAverage(), "", null));
        foreach (var store in new[] { "sqlite", "postgres" })
        {
            var current = await MeasureAsync(options, store, n);
            Report(store, "this build", current);
            if (baseline is { Length: > 0 })
            {
                var before = await MeasureAsync(options with { HostDll = baseline }, store, n);
                Report(store, "baseline build", before);
                results.Add(new("4s. stores", $"{store}: this build / baseline, claims/s", $"{current.Rate / before.Rate:0.00}x", "", null));
            }

            if (store == "sqlite")
            {
                _sqliteRate = current.Rate;
            }
            else
            {
                results.Add(new("4s. stores", "postgres / sqlite, claims/s (this build)", $"{current.Rate / _sqliteRate:0.00}x", "", null));
            }
        }

        results.Add(new("4s. stores", "machine load (1-min load average) at end", LoadAverage(), "", null));
    }

    private void Report(string store, string build, Throughput t)
    {
        results.Add(new("4s. stores", $"{store}, {build}: {t.Claims} concurrent claims", $"{t.Rate:0} claims/s; {t.Latency}",
            ">= 200 claims/s, p99 <= 500 ms", t.Rate >= 200 && t.Latency.P99 <= 500));
        results.Add(new("4s. stores", $"{store}, {build}: distinct containers handed out", $"{t.Distinct} of {t.Claims}", $"{t.Claims}", t.Distinct == t.Claims));
        results.Add(new("4s. stores", $"{store}, {build}: where the time goes (step medians)", t.Steps, "", null));
    }

    private static async Task<Throughput> MeasureAsync(BenchOptions options, string store, int n)
    {
        await using var database = store == "postgres" ? await BenchPostgres.CreateAsync(options) : null;
        var environment = database is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["BOILERHOUSE_DATABASE"] = "postgres", ["BOILERHOUSE_POSTGRES"] = database.ConnectionString };
        await using var host = await BenchHost.StartAsync(options, new Dictionary<string, string> { ["burst"] = BenchWorkloads.Tiny("burst", n, n + 10) },
            environment: environment);
        await host.Api.WaitWarmAsync("burst", n, TimeSpan.FromMinutes(15));
        await WarmUpBurst.RunAsync([host.Api], "burst", n);

        var started = Stopwatch.GetTimestamp();
        var claims = await Task.WhenAll(Enumerable.Range(0, n).Select(i => host.Api.ClaimAsync($"stores-{i}", "burst", BenchApi.NoProvisioning)));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var latency = Stats.Of(claims.Select(c => c.Ms).ToList());
        var steps = await StepBreakdown.DescribeAsync(host.Api, claims.Select(c => c.InstanceId).ToList(), latency.Median);
        return new Throughput(n, n / seconds, latency, claims.Select(c => c.ContainerId).Distinct().Count(), steps);
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();

    private sealed record Throughput(int Claims, double Rate, Stats Latency, int Distinct, string Steps);
}
