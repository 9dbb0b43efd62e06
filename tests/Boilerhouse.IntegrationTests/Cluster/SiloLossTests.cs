using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Boilerhouse.IntegrationTests.Cluster;

/// <summary>
/// Three silos on Redis; one is killed with SIGKILL while tenants claim and release through all
/// of them. The survivors take over within seconds; nothing is handed out twice, nothing leaks,
/// every orchestration ends, the dead silo's pool keeps warming, and the silo rejoins when started.
/// </summary>
public sealed class SiloLossTests(SiloLossTests.Cluster cluster, ITestOutputHelper output) : IClassFixture<SiloLossTests.Cluster>
{
    private const string Pool = "loss-pool";
    private const int Workers = 4;
    // Sized for its load: one warm container per tenant claiming in a loop.
    private const int MinWarm = Workers;
    private static readonly TimeSpan TakeoverLimit = TimeSpan.FromSeconds(10);

    public sealed class Cluster() : LocalCluster(3, "redis")
    {
        protected override IReadOnlyDictionary<string, string> Workloads =>
            new Dictionary<string, string> { [Pool] = new WorkloadYaml(Pool) { MinSize = MinWarm, MaxSize = 40, IdleTimeout = null }.ToString() };
    }

    [Fact]
    public async Task Killing_a_silo_during_claims_and_releases_hands_nothing_out_twice_and_loses_nothing()
    {
        // Given a warm pool and tenants claiming and releasing through every silo
        await cluster.Silos[0].WaitForPoolAsync(Pool, p => p.Int("warm") >= MinWarm);
        var claims = new ConcurrentBag<(string Tenant, string ContainerId)>();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, Workers).Select(w => ClaimAndReleaseAsync($"loss-{w}", w, claims, stop.Token)).ToList();
        await ApiExtensions.WaitUntilAsync(() => Task.FromResult(claims.Count >= Workers), "every tenant claimed once");

        // When silo 1 (the first up: it activated the pool and the timers) is killed
        var killedAt = Stopwatch.GetTimestamp();
        await cluster.KillAsync(1);

        // Then a claim through a survivor succeeds within 10 s
        var (takeover, takeoverTenants) = await FirstClaimThroughSurvivorsAsync(killedAt);
        var load = File.ReadAllText("/proc/loadavg").Trim();
        output.WriteLine($"First claim through a surviving silo succeeded {takeover.TotalSeconds:F1} s after silo 1 was killed (load average {load})");
        Assert.True(takeover < TakeoverLimit, $"The first claim through a survivor took {takeover.TotalSeconds:F1} s after the kill (load average {load})");

        // and the tenants' loops go on through the survivors
        var claimsAtKill = claims.Count;
        await ApiExtensions.WaitUntilAsync(() => Task.FromResult(claims.Count >= claimsAtKill + Workers), "tenants claimed again through the survivors", TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        // and no container went to two tenants
        var shared = claims.GroupBy(c => c.ContainerId).Where(g => g.Select(c => c.Tenant).Distinct().Count() > 1).ToList();
        Assert.True(shared.Count == 0, $"Containers handed to two tenants: {string.Join(", ", shared.Select(g => g.Key))}");

        // and every orchestration instance ends terminal
        await using var db = await cluster.OpenDatabaseAsync();
        await ApiExtensions.WaitUntilAsync(async () => await CountAsync(db, """SELECT count(*) FROM "Orchestrations" WHERE "RuntimeStatus" IN ('Pending', 'Running')""") == 0,
            "every orchestration instance is terminal", TimeSpan.FromSeconds(60));

        // and, once every tenant released, the database and Docker agree: nothing claimed, nothing leaked
        var survivor = cluster.Silos[1];
        foreach (var tenant in Enumerable.Range(0, Workers).Select(w => $"loss-{w}").Concat(takeoverTenants))
        {
            var (release, body) = await survivor.ReleaseAsync(tenant);
            Assert.True(release.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"Release of {tenant}: {(int)release.StatusCode} {body}");
        }

        Assert.Equal(0, await CountAsync(db, "SELECT count(*) FROM \"Tenants\""));
        Assert.Equal(0, await CountAsync(db, """SELECT count(*) FROM "Containers" WHERE "Status" = 'Claimed'"""));
        await ApiExtensions.WaitUntilAsync(async () => await DatabaseMatchesDockerAsync(db), "the pool's containers in Docker are the warm ones the database knows", TimeSpan.FromSeconds(60));

        // and the pool, whose silo died, keeps warming on the survivors
        await survivor.WaitForPoolAsync(Pool, p => p.Int("warm") >= MinWarm && p.Int("claimed") == 0, TimeSpan.FromSeconds(60));

        // and silo 1 rejoins when started again
        await cluster.StartAsync(1);
        var (rejoined, rejoinedBody) = await cluster.Silos[0].ClaimAsync("loss-rejoined", new { poolId = Pool });
        Assert.True(rejoined.StatusCode == HttpStatusCode.OK, $"Claim through the restarted silo: {(int)rejoined.StatusCode} {rejoinedBody}");
    }

    /// <summary>One tenant claiming and releasing in a loop, each request through the next silo; a silo that does not answer is skipped.</summary>
    private async Task ClaimAndReleaseAsync(string tenant, int worker, ConcurrentBag<(string, string)> claims, CancellationToken stop)
    {
        for (var silo = worker; !stop.IsCancellationRequested; silo += 2)
        {
            var claimed = await PostUntilDoneAsync($"/api/v1/tenants/{tenant}/claim", new { poolId = Pool }, silo);
            claims.Add((tenant, claimed.Str("containerId")));
            await PostUntilDoneAsync($"/api/v1/tenants/{tenant}/release", null, silo + 1);
        }
    }

    /// <summary>
    /// Posts a starter until its instance completes. A silo that died (no answer, or 503
    /// CLUSTER_UNAVAILABLE) is retried elsewhere with the same instance id; an instance that failed
    /// for another reason (a pool briefly exhausted) is started again under a new id.
    /// </summary>
    private async Task<JsonNode> PostUntilDoneAsync(string path, object? body, int silo)
    {
        var instanceId = Guid.NewGuid().ToString("N");
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{path} did not complete within 90 s");
            var client = cluster.Silos[silo++ % cluster.Silos.Count];
            try
            {
                var (response, answer) = await client.SendJsonAsync(HttpMethod.Post, $"{path}?waitMs=30000&instanceId={instanceId}", body);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return answer;
                }

                if (answer["code"]?.GetValue<string>() != "CLUSTER_UNAVAILABLE" && response.StatusCode != HttpStatusCode.Accepted)
                {
                    instanceId = Guid.NewGuid().ToString("N");
                }
            }
            catch (HttpRequestException)
            {
                // The silo is down: the next one gets the same instance id.
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Claims through the survivors until one succeeds: how long after the kill, and the tenants tried
    /// (to release them). It waits on the claim itself: an instance still running (202) is asked again
    /// under the same id, not replaced by another claim competing with it; a refused or failed one is
    /// replaced by a new tenant's.
    /// </summary>
    private async Task<(TimeSpan Elapsed, IReadOnlyList<string> Tenants)> FirstClaimThroughSurvivorsAsync(long killedAt)
    {
        var tenants = new List<string> { "takeover-0" };
        var instanceId = Guid.NewGuid().ToString("N");
        for (var attempt = 0; ; attempt++)
        {
            var survivor = cluster.Silos[1 + attempt % 2];
            try
            {
                var (response, body) = await survivor.ClaimAsync(tenants[^1], new { poolId = Pool }, $"waitMs=10000&instanceId={instanceId}");
                output.WriteLine($"{Stopwatch.GetElapsedTime(killedAt).TotalSeconds:F1} s: {tenants[^1]} {(int)response.StatusCode} {body["code"]}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return (Stopwatch.GetElapsedTime(killedAt), tenants);
                }

                if (response.StatusCode != HttpStatusCode.Accepted && body["code"]?.GetValue<string>() != "CLUSTER_UNAVAILABLE")
                {
                    tenants.Add($"takeover-{attempt + 1}");
                    instanceId = Guid.NewGuid().ToString("N");
                }
            }
            catch (HttpRequestException ex)
            {
                output.WriteLine($"{Stopwatch.GetElapsedTime(killedAt).TotalSeconds:F1} s: {tenants[^1]} {ex.Message}");
            }

            Assert.True(Stopwatch.GetElapsedTime(killedAt) < TimeSpan.FromSeconds(60), "No claim through a survivor succeeded within 60 s of the kill");
            await Task.Delay(100);
        }
    }

    /// <summary>Every container of the pool in Docker is one the database holds as warm, and every warm one the database holds is in Docker.</summary>
    private async Task<bool> DatabaseMatchesDockerAsync(NpgsqlConnection db)
    {
        var inDocker = (await DockerProbe.ListAsync(cluster.InstanceId, Pool)).Select(c => c.Names[0].TrimStart('/')).ToHashSet();
        var warm = new HashSet<string>();
        await using var command = new NpgsqlCommand("""SELECT "Name" FROM "Containers" WHERE "PoolId" = @pool AND "Status" = 'Warm'""", db);
        command.Parameters.AddWithValue("pool", Pool);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                warm.Add(reader.GetString(0));
            }
        }

        return inDocker.SetEquals(warm);
    }

    private static async Task<long> CountAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
