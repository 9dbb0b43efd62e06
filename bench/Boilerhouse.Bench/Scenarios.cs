using System.Diagnostics;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Docker;
using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Bench;

/// <summary>The measurements of issue 5; each comparison is made within one run.</summary>
public sealed class Scenarios(BenchOptions options, Results results)
{
    /// <summary>Warm claims (with and without provisioning), release latency and refill, and the cold baseline.</summary>
    /// <remarks>
    /// Each warm claim is made on a pre-warmed, quiet pool (nothing starting): it measures the claim
    /// path itself. Claims under load are what the throughput scenario measures.
    /// </remarks>
    public async Task ClaimAndReleaseAsync()
    {
        const int warm = 4;
        var s = options.ClaimSamples;
        var c = options.ColdSamples;
        await using var host = await BenchHost.StartAsync(options, new Dictionary<string, string>
        {
            ["web"] = BenchWorkloads.Web("web", warm, 2 * warm),
            ["slow"] = BenchWorkloads.SlowStart("slow", 1, 2),
        });

        var (plain, releases, plainSteps, first, warmingUp) = await ClaimSeriesAsync(host, "web", warm, "plain", s, BenchApi.NoProvisioning);
        var (provisioned, _, provisionedSteps, _, _) = await ClaimSeriesAsync(host, "web", warm, "prov", s, BenchApi.WithProvisioning);
        var (slowWarm, _, _, _, _) = await ClaimSeriesAsync(host, "slow", 1, "slow", c, BenchApi.NoProvisioning);
        var cold = await ColdStartsAsync(host.InstanceId, c);
        var (viaArchiveApi, viaArchiveApiSteps) = await ProvisionedThroughArchiveApiAsync(warm, s);

        results.Add(new("1. warm claim", "first claim of a fresh host (JIT, first activations; not in the series)", $"{first:0.0} ms", "", null));
        results.Add(new("1. warm claim", $"claims 2-{WarmUpClaims} of a fresh host (tiered compilation warming up; not in the series)", $"median {warmingUp:0.0} ms", "", null));
        results.Add(new("1. warm claim", "no provisioning", $"{plain}", "p50 <= 5 ms", plain.Median <= 5, Over(plain.Median, 5)));
        var tail = plain.P99 / plain.Median;
        results.Add(new("1. warm claim", "no provisioning: p99 / p50 (a claim never waits behind pool work)", $"{tail:0.0}x", "<= 5x", tail <= 5));
        results.Add(new("1. warm claim", "no provisioning: where the time goes (step medians)", plainSteps, "", null));
        results.Add(new("1. warm claim", "config + 2 secrets", $"{provisioned}", "p50 <= 50 ms, p99 <= 100 ms",
            provisioned.Median <= 50 && provisioned.P99 <= 100, Over(provisioned.Median, 50)));
        results.Add(new("1. warm claim", "config + 2 secrets: where the time goes (step medians)", provisionedSteps, "", null));
        results.Add(new("1. warm claim", "config + 2 secrets through Docker's archive API (as on remote engines)", $"{viaArchiveApi}", "", null));
        results.Add(new("1. warm claim", "through the archive API: where the time goes (step medians)", viaArchiveApiSteps, "", null));
        results.Add(new("1. warm claim", "config + 2 secrets: direct / archive API, ratio of medians",
            $"{provisioned.Median / viaArchiveApi.Median:0.00}", "", null));
        results.Add(new("2. cold baseline", "create + start + healthy (2 s init)", $"{cold}", "", null));
        results.Add(new("2. cold baseline", "warm claim, same workload", $"{slowWarm}", "", null));
        var ratio = cold.Median / slowWarm.Median;
        results.Add(new("2. cold / warm", "ratio of medians", $"{ratio:0.0}x", ">= 40x", ratio >= 40));
        results.Add(new("3. release", "until the API answers", $"{releases}", "", null));

        var refills = new List<double>();
        for (var i = 0; i < options.ReleaseSamples; i++)
        {
            await host.Api.WaitQuietAsync("web", warm, TimeSpan.FromMinutes(5));
            // A claim takes a warm container; the pool starts a replacement at once.
            await host.Api.ClaimAsync($"refill-{i}", "web", BenchApi.NoProvisioning);
            refills.Add((await host.Api.WaitWarmAsync("web", warm, TimeSpan.FromMinutes(5))).TotalMilliseconds);
            await host.Api.ReleaseAsync($"refill-{i}");
        }

        results.Add(new("3. refill", "after a claim, until min_size are warm again", $"{Stats.Of(refills)}", "", null));
    }

    /// <summary>N tenants claim at once from a pool pre-warmed to N, after a warm-up burst.</summary>
    public async Task ThroughputAsync()
    {
        var n = options.ThroughputTenants;
        await using var host = await BenchHost.StartAsync(options, new Dictionary<string, string> { ["burst"] = BenchWorkloads.Tiny("burst", n, n + 10) });
        await host.Api.WaitWarmAsync("burst", n, TimeSpan.FromMinutes(15));
        var firstBurst = await WarmUpBurst.RunAsync([host.Api], "burst", n);

        var started = Stopwatch.GetTimestamp();
        var claims = await Task.WhenAll(Enumerable.Range(0, n).Select(i => host.Api.ClaimAsync($"burst-{i}", "burst", BenchApi.NoProvisioning)));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var distinct = claims.Select(c => c.ContainerId).Distinct().Count();
        var rate = n / seconds;
        var latency = Stats.Of(claims.Select(c => c.Ms).ToList());
        results.Add(new("4. throughput", $"first burst of the fresh host: {WarmUpBurst.Claims} concurrent claims (JIT warming; released before the measured burst)", $"{firstBurst:0} claims/s", "", null));
        results.Add(new("4. throughput", $"{n} concurrent claims (new tenants)", $"{rate:0} claims/s; {latency}", ">= 200 claims/s, p99 <= 500 ms",
            rate >= 200 && latency.P99 <= 500));
        results.Add(new("4. throughput", "distinct containers handed out", $"{distinct} of {n}", $"{n}", distinct == n));
        results.Add(new("4. throughput", "where the time goes (step medians)",
            await StepBreakdown.DescribeAsync(host.Api, claims.Select(c => c.InstanceId).ToList(), Stats.Of(claims.Select(c => c.Ms).ToList()).Median), "", null));
    }

    /// <summary>Resident memory of the control plane with M managed containers; then the dashboard opened on that host.</summary>
    public async Task MemoryAsync(DashboardScenario dashboard)
    {
        var m = options.MemoryContainers;
        await using var host = await BenchHost.StartAsync(options, new Dictionary<string, string> { ["tiny"] = BenchWorkloads.Tiny("tiny", m, m) }, parallelCreates: 8);
        await new MemoryScenario(options, results).MeasureAsync(host, "");
        await dashboard.MeasureAsync(host, m);
    }

    /// <summary>The provisioned claims again, on a host told to write files through Docker's archive API.</summary>
    private async Task<(Stats Claims, string Steps)> ProvisionedThroughArchiveApiAsync(int warm, int count)
    {
        await using var host = await BenchHost.StartAsync(
            options,
            new Dictionary<string, string> { ["web"] = BenchWorkloads.Web("web", warm, 2 * warm) },
            environment: new Dictionary<string, string> { ["BOILERHOUSE_DIRECT_VOLUME_WRITES"] = "false" });
        var (claims, _, steps, _, _) = await ClaimSeriesAsync(host, "web", warm, "api", count, BenchApi.WithProvisioning);
        return (claims, steps);
    }

    /// <summary>
    /// Claims one tenant at a time from a quiet pool, then releases it; answers both series, where
    /// claims spend their time, and apart: the first claim (JIT compilation, first grain activations,
    /// once per process and path) and the median of the warm-up claims after it (tiered compilation
    /// optimizes a method once it has run ~30 times, so a fresh host's claim path speeds up over its
    /// first claims). The series itself is the steady state a long-running host serves.
    /// </summary>
    private static async Task<(Stats Claims, Stats Releases, string Steps, double First, double WarmUp)> ClaimSeriesAsync(
        BenchHost host, string pool, int warm, string prefix, int count, object extra)
    {
        var claims = new List<double>();
        var releases = new List<double>();
        var instances = new List<string>();
        for (var i = 0; i < WarmUpClaims + count; i++)
        {
            await host.Api.WaitQuietAsync(pool, warm, TimeSpan.FromMinutes(5));
            var claim = await host.Api.ClaimAsync($"{prefix}-{i}", pool, extra);
            claims.Add(claim.Ms);
            instances.Add(claim.InstanceId);
            releases.Add((await host.Api.ReleaseAsync($"{prefix}-{i}")).Ms);
        }

        Console.WriteLine($"  {prefix} claims (ms, in order; the first {WarmUpClaims} warm up): {string.Join(" ", claims.Select(ms => ms.ToString("0.0")))}");
        var measured = Stats.Of(claims[WarmUpClaims..]);
        var steps = await StepBreakdown.DescribeAsync(host.Api, instances[WarmUpClaims..], measured.Median);
        return (measured, Stats.Of(releases[WarmUpClaims..]), steps, claims[0], Stats.Of(claims[1..WarmUpClaims]).Median);
    }

    private const int WarmUpClaims = 10;

    /// <summary>What a user would otherwise do: create and start the same workload and wait for its health check.</summary>
    private static async Task<Stats> ColdStartsAsync(string instanceId, int count)
    {
        var spec = WorkloadParser.Parse(BenchWorkloads.SlowStart("cold", 1, 1), "cold.yaml").Spec!;
        using var runtime = new DockerContainerRuntime(new DockerEndpoint());
        var samples = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var name = $"bench-cold-{Guid.NewGuid():N}"[..22];
            var labels = new Dictionary<string, string> { [ContainerLabels.Instance] = instanceId, [ContainerLabels.Managed] = "false" };
            var started = Stopwatch.GetTimestamp();
            var id = await runtime.CreateAsync(new ContainerRequest(name, spec, labels), CancellationToken.None);
            await runtime.StartAsync(id, CancellationToken.None);
            await runtime.WaitUntilHealthyAsync(id, TimeSpan.FromMinutes(1), CancellationToken.None);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await runtime.RemoveAsync(id, CancellationToken.None);
        }

        return Stats.Of(samples);
    }

    private static string Over(double measured, double goal, string unit = "ms") =>
        measured <= goal ? "" : $"(over by {measured - goal:0.0} {unit}, {measured / goal:0.0}x)";
}
