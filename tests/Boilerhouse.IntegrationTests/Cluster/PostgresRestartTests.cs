using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Boilerhouse.IntegrationTests.Cluster;

/// <summary>
/// Two silos on a PostgreSQL server of their own, which goes down for a few seconds and comes back
/// while tenants claim and release through both silos: requests during the outage fail cleanly
/// (503 with Retry-After, never a 500), nothing is handed out twice, every orchestration ends, and
/// the same silos serve claims and releases again once the database is back. Pool work that missed
/// its database writes during the outage (a dead container replaced) is recorded once it is back.
/// </summary>
public sealed class PostgresRestartTests(PostgresRestartTests.Cluster cluster, ITestOutputHelper output) : IClassFixture<PostgresRestartTests.Cluster>
{
    private const string Pool = "pgrestart-pool";
    private const string WarmingPool = "pgrestart-warming";
    private const int Workers = 4;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(6);

    public sealed class Cluster() : LocalCluster(2, "redis", ownPostgres: true)
    {
        protected override IReadOnlyDictionary<string, string> Workloads =>
            new Dictionary<string, string>
            {
                [Pool] = new WorkloadYaml(Pool) { MinSize = Workers, MaxSize = 30, IdleTimeout = null }.ToString(),
                [WarmingPool] = new WorkloadYaml(WarmingPool) { MinSize = 2, MaxSize = 4, IdleTimeout = null }.ToString(),
            };
    }

    /// <summary>One answer a worker got: which request, its status and error code, whether it said when to retry.</summary>
    private sealed record Answer(string Request, HttpStatusCode Status, string? Code, bool RetryAfter);

    [Fact]
    public async Task Database_restart_mid_run_fails_requests_cleanly_and_both_silos_recover_without_restart()
    {
        // Given tenants claiming and releasing in a loop through both silos
        await cluster.Silos[0].WaitForPoolAsync(Pool, p => p.Int("warm") >= Workers);
        var claims = new ConcurrentBag<(string Tenant, string ContainerId)>();
        var answers = new ConcurrentQueue<Answer>();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, Workers).Select(w => ClaimAndReleaseAsync($"pgr-{w}", w, claims, answers, stop.Token)).ToList();
        await ApiExtensions.WaitUntilAsync(() => Task.FromResult(claims.Count >= Workers), "every tenant claimed once");

        // When the cluster's PostgreSQL stops for a few seconds and starts again
        await cluster.PostgresAsync("stop");
        var outage = Task.Delay(Outage);
        var answersAtStop = answers.Count;

        // Then a request that needs the database fails cleanly through either silo: 503 with Retry-After
        var probes = new List<Answer>();
        foreach (var (silo, index) in cluster.Silos.Select((s, i) => (s, i)))
        {
            var (response, body) = await silo.ClaimAsync($"pgr-probe-{index}", new { poolId = Pool }, "waitMs=1000");
            probes.Add(new Answer("probe claim", response.StatusCode, body is JsonObject o && o["code"] is JsonValue c ? c.GetValue<string>() : null, response.Headers.RetryAfter is not null));
        }

        await outage;
        var duringOutage = answers.Skip(answersAtStop).ToList();
        await cluster.PostgresAsync("start");
        output.WriteLine($"During the {Outage.TotalSeconds:F0} s outage: new claims {Describe(probes)}; the tenants' loops got {Describe(duringOutage)}");
        Assert.All(probes, a => Assert.True(a is { Status: HttpStatusCode.ServiceUnavailable, Code: "DATABASE_UNAVAILABLE", RetryAfter: true }, $"A claim during the outage answered {a}"));

        // Then the same silos serve claims and releases again: every tenant completes new rounds
        var claimsAtRestart = claims.Count;
        await ApiExtensions.WaitUntilAsync(() => Task.FromResult(claims.Count >= claimsAtRestart + 2 * Workers),
            "tenants claimed again through both silos after the restart", TimeSpan.FromSeconds(120));
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        output.WriteLine($"All answers: {Describe(answers)}");

        // and no answer was a server error; every 503 said when to retry
        var serverErrors = answers.Where(a => (int)a.Status >= 500 && a.Status != HttpStatusCode.ServiceUnavailable).ToList();
        Assert.True(serverErrors.Count == 0, $"Server errors: {string.Join("; ", serverErrors)}");
        var unavailable = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.All(unavailable, a => Assert.True(a.RetryAfter && a.Code is "DATABASE_UNAVAILABLE" or "CLUSTER_UNAVAILABLE", $"503 without Retry-After or with code {a.Code}"));

        // and each silo answers a fresh claim and release
        foreach (var (silo, index) in cluster.Silos.Select((s, i) => (s, i)))
        {
            var (claim, claimBody) = await silo.ClaimAsync($"pgr-after-{index}", new { poolId = Pool });
            Assert.True(claim.StatusCode == HttpStatusCode.OK, $"Claim through silo {index + 1}: {(int)claim.StatusCode} {claimBody}");
            claims.Add(($"pgr-after-{index}", claimBody.Str("containerId")));
            var (release, releaseBody) = await silo.ReleaseAsync($"pgr-after-{index}");
            Assert.True(release.StatusCode == HttpStatusCode.OK, $"Release through silo {index + 1}: {(int)release.StatusCode} {releaseBody}");
        }

        // and no container went to two tenants
        var shared = claims.GroupBy(c => c.ContainerId).Where(g => g.Select(c => c.Tenant).Distinct().Count() > 1).ToList();
        Assert.True(shared.Count == 0, $"Containers handed to two tenants: {string.Join(", ", shared.Select(g => g.Key))}");

        // and every orchestration begun ends terminal
        await using var db = await cluster.OpenDatabaseAsync();
        await ApiExtensions.WaitUntilAsync(async () => await CountAsync(db, """SELECT count(*) FROM "Orchestrations" WHERE "RuntimeStatus" IN ('Pending', 'Running')""") == 0,
            "every orchestration instance is terminal", TimeSpan.FromSeconds(90));

        // and, once every tenant released, nothing is claimed and Docker holds only the warm containers the database knows
        foreach (var tenant in Enumerable.Range(0, Workers).Select(w => $"pgr-{w}").Concat(["pgr-probe-0", "pgr-probe-1"]))
        {
            var (release, body) = await cluster.Silos[1].ReleaseAsync(tenant);
            Assert.True(release.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"Release of {tenant}: {(int)release.StatusCode} {body}");
        }

        Assert.Equal(0, await CountAsync(db, """SELECT count(*) FROM "Containers" WHERE "Status" = 'Claimed'"""));
        await ApiExtensions.WaitUntilAsync(() => DatabaseMatchesDockerAsync(db, Pool),
            "the pool's containers in Docker are the warm ones the database knows", TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task A_container_replaced_while_the_database_is_down_is_recorded_once_it_is_back()
    {
        // Given a warm pool
        await cluster.Silos[0].WaitForPoolAsync(WarmingPool, p => p.Int("warm") >= 2);
        var victim = (await DockerProbe.ListAsync(cluster.InstanceId, WarmingPool))[0].ID;

        // When the database stops and a warm container dies
        await cluster.PostgresAsync("stop");
        try
        {
            await DockerProbe.Client.Containers.RemoveContainerAsync(victim, new() { Force = true });

            // Then the pool replaces it all the same, while the database is still down (the pool's counts are in memory)
            await ApiExtensions.WaitUntilAsync(async () =>
                {
                    var now = await DockerProbe.ListAsync(cluster.InstanceId, WarmingPool);
                    if (now.Count != 2 || now.Any(c => c.ID == victim || c.State != "running"))
                    {
                        return false;
                    }

                    var pool = await cluster.Silos[0].GetJsonAsync($"/api/v1/pools/{WarmingPool}");
                    return pool.Int("warm") == 2 && pool.Int("starting") == 0;
                },
                "a replacement warmed during the outage", TimeSpan.FromSeconds(60));
        }
        finally
        {
            await cluster.PostgresAsync("start");
        }

        // and once the database is back it records exactly the warm containers Docker holds: the replacement, not the dead one
        await using var db = await cluster.OpenDatabaseAsync();
        await ApiExtensions.WaitUntilAsync(() => DatabaseMatchesDockerAsync(db, WarmingPool),
            "the database's warm containers are the ones in Docker", TimeSpan.FromSeconds(45));
    }

    /// <summary>One tenant claiming and releasing in a loop, claim through one silo and release through the other.</summary>
    private async Task ClaimAndReleaseAsync(string tenant, int worker, ConcurrentBag<(string, string)> claims, ConcurrentQueue<Answer> answers, CancellationToken stop)
    {
        for (var silo = worker; !stop.IsCancellationRequested; silo++)
        {
            var claimed = await PostUntilDoneAsync($"/api/v1/tenants/{tenant}/claim", new { poolId = Pool }, silo, answers);
            claims.Add((tenant, claimed.Str("containerId")));
            await PostUntilDoneAsync($"/api/v1/tenants/{tenant}/release", null, silo + 1, answers);
        }
    }

    /// <summary>
    /// Posts a starter until its instance completes, recording every answer. A 503 or a 202 is
    /// retried with the same instance id after the Retry-After it gave (as a client should); an
    /// instance that failed cleanly (a 4xx, e.g. the pool briefly exhausted) is started again under a new id.
    /// </summary>
    private async Task<JsonNode> PostUntilDoneAsync(string path, object? body, int silo, ConcurrentQueue<Answer> answers)
    {
        var instanceId = Guid.NewGuid().ToString("N");
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{path} did not complete within 180 s");
            var client = cluster.Silos[silo % cluster.Silos.Count];
            var (response, answer) = await client.SendJsonAsync(HttpMethod.Post, $"{path}?waitMs=20000&instanceId={instanceId}", body);
            var code = answer is JsonObject o && o["code"] is JsonValue c ? c.GetValue<string>() : null;
            answers.Enqueue(new Answer(path.Split('/')[^1], response.StatusCode, code, response.Headers.RetryAfter is not null));
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    return answer;
                case HttpStatusCode.ServiceUnavailable:
                    await Task.Delay(response.Headers.RetryAfter?.Delta is { } wait && wait < TimeSpan.FromSeconds(2) ? wait : TimeSpan.FromSeconds(1));
                    continue;
                case HttpStatusCode.Accepted:
                    continue;
                default:
                    // A 5xx is recorded and fails the test at the end; either way the run goes on under a new id.
                    instanceId = Guid.NewGuid().ToString("N");
                    await Task.Delay(200);
                    continue;
            }
        }
    }

    private static string Describe(IEnumerable<Answer> answers) => string.Join(", ",
        answers.GroupBy(a => $"{a.Request} {(int)a.Status}{(a.Code is null ? "" : " " + a.Code)}").OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}"));

    /// <summary>Every container of the pool in Docker is one the database holds as warm, and every warm one the database holds is in Docker.</summary>
    private async Task<bool> DatabaseMatchesDockerAsync(NpgsqlConnection db, string pool)
    {
        var inDocker = (await DockerProbe.ListAsync(cluster.InstanceId, pool)).Select(c => c.Names[0].TrimStart('/')).ToHashSet();
        var warm = new HashSet<string>();
        await using var command = new NpgsqlCommand("""SELECT "Name" FROM "Containers" WHERE "PoolId" = @pool AND "Status" = 'Warm'""", db);
        command.Parameters.AddWithValue("pool", pool);
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
