namespace Boilerhouse.Bench;

/// <summary>
/// Plain warm claims on this build and on a baseline build (BENCH_BASELINE_HOST_DLL): both hosts up at
/// once, each with a pool of tiny containers whose min is its max, so a claim starts no refill and a
/// round of claims runs on a quiet machine. Rounds alternate between the hosts (and which goes first),
/// so the machine's drift during the run weighs on both alike and their ratio is the change.
/// </summary>
public sealed class BaselineClaims(BenchOptions options, Results results)
{
    private const int PerRound = 10;
    private const int PoolSize = PerRound + 2;

    public async Task RunAsync()
    {
        if (Environment.GetEnvironmentVariable(StoresScenario.BaselineSetting) is not { Length: > 0 } baselineDll)
        {
            return;
        }

        var workloads = new Dictionary<string, string> { ["tiny"] = BenchWorkloads.Tiny("tiny", PoolSize, PoolSize) };
        await using var current = await BenchHost.StartAsync(options, workloads);
        await using var baseline = await BenchHost.StartAsync(options, workloads, hostDll: baselineDll);
        BenchHost[] hosts = [current, baseline];
        List<double>[] samples = [[], []];
        var rounds = 1 + (options.ClaimSamples + PerRound - 1) / PerRound;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var h in round % 2 == 0 ? new[] { 0, 1 } : [1, 0])
            {
                foreach (var host in hosts)
                {
                    await host.Api.WaitQuietAsync("tiny", PoolSize, TimeSpan.FromMinutes(5));
                }

                var claims = new List<double>();
                for (var i = 0; i < PerRound; i++)
                {
                    claims.Add((await hosts[h].Api.ClaimAsync($"ab-{round}-{i}", "tiny", BenchApi.NoProvisioning)).Ms);
                }

                // The first round warms both hosts up (JIT, tiered compilation): it is not in the figures.
                if (round > 0)
                {
                    samples[h].AddRange(claims);
                }

                await Task.WhenAll(Enumerable.Range(0, PerRound).Select(i => hosts[h].Api.ReleaseAsync($"ab-{round}-{i}")));
            }
        }

        var (ours, theirs) = (Stats.Of(samples[0]), Stats.Of(samples[1]));
        results.Add(new("1. warm claim", "no provisioning, tiny pool with min = max (no refill), this build", $"{ours}", "", null));
        results.Add(new("1. warm claim", "the same on the baseline build (its rounds alternate with this build's)", $"{theirs}", "", null));
        results.Add(new("1. warm claim", "no provisioning: this build / baseline, ratio of medians", $"{ours.Median / theirs.Median:0.00}", "< 1.00", ours.Median < theirs.Median));
    }
}
