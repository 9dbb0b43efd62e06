using System.Diagnostics;

namespace Boilerhouse.Bench;

/// <summary>
/// A smaller burst of claims, released again, before a measured burst: a fresh host runs its claim
/// path as unoptimized code until tiered compilation has seen it ~30 times, so a single burst on a
/// fresh host measures the JIT as much as Boilerhouse. The warm-up burst's own rate is reported
/// beside the measured one, so the cost of a cold start stays visible.
/// </summary>
public static class WarmUpBurst
{
    public const int Claims = 50;

    /// <summary>Claims <see cref="Claims"/> tenants at once (spread over <paramref name="silos"/>), releases them, waits for <paramref name="warm"/> warm again; answers claims/s of the burst.</summary>
    public static async Task<double> RunAsync(IReadOnlyList<BenchApi> silos, string pool, int warm)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Claims).Select(i => silos[i % silos.Count].ClaimAsync($"warmup-{i}", pool, BenchApi.NoProvisioning)));
        var rate = Claims / Stopwatch.GetElapsedTime(started).TotalSeconds;
        await Task.WhenAll(Enumerable.Range(0, Claims).Select(i => silos[i % silos.Count].ReleaseAsync($"warmup-{i}")));
        await silos[0].WaitWarmAsync(pool, warm, TimeSpan.FromMinutes(15));
        return rate;
    }
}
