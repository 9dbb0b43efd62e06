using System.Net;
using System.Text.Json.Nodes;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;
using Xunit.Abstractions;

namespace Boilerhouse.IntegrationTests.Cluster;

/// <summary>
/// The cluster-wide view of Docker hosts on two silos: an operator's cordon outlives the silo that
/// held the host registry, and one silo samples containers' resources for all (each host is read
/// once per interval) while every silo shows the same figures.
/// </summary>
public sealed class ClusterHostsTests(ClusterHostsTests.Cluster cluster, ITestOutputHelper output) : IClassFixture<ClusterHostsTests.Cluster>
{
    private const string Pool = "hosts-pool";
    private const string Host = "local";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public sealed class Cluster() : LocalCluster(2, "redis")
    {
        protected override IReadOnlyDictionary<string, string> Workloads =>
            new Dictionary<string, string> { [Pool] = new WorkloadYaml(Pool) { MinSize = 2, MaxSize = 4, IdleTimeout = null }.ToString() };

        protected override IReadOnlyDictionary<string, string> Settings =>
            new Dictionary<string, string> { ["BOILERHOUSE_STATS_INTERVAL_SECONDS"] = ((int)Interval.TotalSeconds).ToString() };
    }

    [Fact]
    public async Task Cordon_outlives_the_loss_of_either_silo()
    {
        // Given host "local" cordoned through silo 1
        var (cordoned, view) = await cluster.Silos[0].SendJsonAsync(HttpMethod.Post, $"/api/v1/hosts/{Host}/cordon");
        Assert.True(cordoned.StatusCode == HttpStatusCode.OK, view.ToJsonString());
        try
        {
            // When each silo in turn is killed (one of them held the host registry), the other still sees the cordon
            await cluster.KillAsync(1);
            Assert.True(await CordonedThroughAsync(cluster.Silos[1]), "After silo 1 died, silo 2 no longer sees the cordon");
            await cluster.StartAsync(1);
            await cluster.KillAsync(2);
            Assert.True(await CordonedThroughAsync(cluster.Silos[0]), "After silo 2 died, silo 1 no longer sees the cordon");
            await cluster.StartAsync(2);
            Assert.True(await CordonedThroughAsync(cluster.Silos[1]), "After silo 2 rejoined, it does not see the cordon");
        }
        finally
        {
            await cluster.Silos[0].SendJsonAsync(HttpMethod.Post, $"/api/v1/hosts/{Host}/uncordon");
        }
    }

    [Fact]
    public async Task One_silo_samples_each_host_once_per_interval_and_both_show_its_figures()
    {
        // Given running containers (the pool's warm ones) and a few intervals of sampling
        await cluster.Silos[0].WaitForPoolAsync(Pool, p => p.Int("warm") >= 2);
        await ApiExtensions.WaitUntilAsync(async () => (await HostHistoryAsync(cluster.Silos[0])).Count >= 8 && (await HostHistoryAsync(cluster.Silos[1])).Count >= 8,
            "both silos have eight sweeps of the host", TimeSpan.FromSeconds(90));

        // When both silos' histories of the host are read
        var first = await HostHistoryAsync(cluster.Silos[0]);
        var second = await HostHistoryAsync(cluster.Silos[1]);

        // Then the latest sweeps both show are the same sweeps (the same instants: one silo read them, the other replayed them)
        var common = first.Intersect(second).ToList();
        var upTo = new[] { first[^1], second[^1] }.Min();
        var recentFirst = first.Where(at => at <= upTo).TakeLast(5).ToList();
        var recentSecond = second.Where(at => at <= upTo).TakeLast(5).ToList();
        output.WriteLine($"Silo 1: {string.Join(", ", recentFirst.Select(t => t.ToString("HH:mm:ss.fff")))}");
        output.WriteLine($"Silo 2: {string.Join(", ", recentSecond.Select(t => t.ToString("HH:mm:ss.fff")))}");
        Assert.Equal(recentFirst, recentSecond);

        // and they are one per interval, not one per silo per interval
        var gaps = recentFirst.Zip(recentFirst.Skip(1), (a, b) => b - a).ToList();
        output.WriteLine($"Gaps between sweeps: {string.Join(", ", gaps.Select(g => $"{g.TotalMilliseconds:F0} ms"))}; {common.Count} sweeps in common");
        Assert.All(gaps, gap => Assert.True(gap >= Interval * 0.5, $"Two sweeps {gap.TotalMilliseconds:F0} ms apart: the host was sampled twice in one interval"));

        // and both silos show figures for the pool's containers
        foreach (var silo in cluster.Silos)
        {
            var stats = await silo.GetJsonAsync($"/api/v1/pools/{Pool}/stats");
            Assert.True(stats["containers"]!.AsArray().Count >= 2, stats.ToJsonString());
        }
    }

    private static async Task<bool> CordonedThroughAsync(HttpClient silo)
    {
        // The survivor may first answer 503 while membership declares the dead silo; the cordon must be there once it answers.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (response, body) = await silo.SendJsonAsync(HttpMethod.Get, $"/api/v1/hosts/{Host}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return body["cordoned"]!.GetValue<bool>();
            }

            Assert.True(DateTime.UtcNow < deadline, $"GET /api/v1/hosts/{Host} kept answering {(int)response.StatusCode} {body}");
            await Task.Delay(200);
        }
    }

    private static async Task<List<DateTimeOffset>> HostHistoryAsync(HttpClient silo)
    {
        var stats = await silo.GetJsonAsync($"/api/v1/hosts/{Host}/stats");
        return [.. stats["history"]!.AsArray().Select(point => point!["at"]!.GetValue<DateTimeOffset>())];
    }
}
