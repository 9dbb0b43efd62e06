using System.Diagnostics;
using Boilerhouse.Docker;

namespace Boilerhouse.Bench;

/// <summary>
/// Scenario 12: the throughput burst of scenario 4 (N concurrent claims of a warm pool) on a single
/// silo (the baseline, measured in the same run), on a cluster of two silos (eng/cluster: PostgreSQL
/// and Redis; claims alternate between the silos), and on a single silo spreading the pool over
/// three Docker hosts (the local engine and the TLS engines of eng/setup-tls-hosts.sh).
/// </summary>
public sealed class ClusterScenario(BenchOptions options, Results results)
{
    private const string Pool = "burst";

    public async Task RunAsync()
    {
        var n = options.ThroughputTenants;
        var single = await SingleSiloAsync(n, environment: null);
        results.Add(new("12. cluster", $"{n} concurrent claims, 1 silo (SQLite, 1 Docker host): baseline", $"{single:0} claims/s", "", null));

        var cluster = await TwoSilosAsync(n);
        results.Add(new("12. cluster", $"{n} concurrent claims over 2 silos (PostgreSQL, Redis)", $"{cluster:0} claims/s ({cluster / single:0.00}x the single silo)", "", null));

        if (TlsEngines() is not { } tls)
        {
            results.Add(new("12. cluster", "3 Docker hosts", "not measured: run `bash eng/setup-tls-hosts.sh` first", "", null));
            return;
        }

        var hostsFile = Path.Combine(Directory.CreateTempSubdirectory("boilerhouse-bench-hosts-").FullName, "hosts.yaml");
        await File.WriteAllTextAsync(hostsFile, HostsYaml(tls));
        var threeHosts = await SingleSiloAsync(n, new Dictionary<string, string> { ["BOILERHOUSE_HOSTS_FILE"] = hostsFile }, tls);
        results.Add(new("12. cluster", $"{n} concurrent claims, 1 silo, 3 Docker hosts (local + 2 TLS engines)", $"{threeHosts:0} claims/s ({threeHosts / single:0.00}x one host)", "", null));
        Directory.Delete(Path.GetDirectoryName(hostsFile)!, recursive: true);
    }

    private async Task<double> SingleSiloAsync(int n, IReadOnlyDictionary<string, string>? environment, TlsValues? tls = null)
    {
        await using var host = await BenchHost.StartAsync(options, new Dictionary<string, string> { [Pool] = BenchWorkloads.Tiny(Pool, n, n + 10) }, environment: environment);
        try
        {
            await host.Api.WaitWarmAsync(Pool, n, TimeSpan.FromMinutes(15));
            await WarmUpBurst.RunAsync([host.Api], Pool, n);
            return await BurstAsync(n, [host.Api]);
        }
        finally
        {
            // Containers on the TLS engines: the host's own clean-up covers the local engine only.
            foreach (var endpoint in tls?.Endpoints ?? [])
            {
                await Cleanup.RemoveInstanceAsync(host.InstanceId, endpoint);
            }
        }
    }

    private async Task<double> TwoSilosAsync(int n)
    {
        var workloads = Directory.CreateTempSubdirectory("boilerhouse-bench-cluster-").FullName;
        await File.WriteAllTextAsync(Path.Combine(workloads, $"{Pool}.yaml"), BenchWorkloads.Tiny(Pool, n, n + 10));
        var name = $"bench{Guid.NewGuid():N}"[..12];
        var httpPort = 47100 + Random.Shared.Next(0, 800) * 2;
        try
        {
            await ClusterAsync(name, workloads, httpPort, "up", "2");
            var silos = Enumerable.Range(0, 2).Select(i => new BenchApi(new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{httpPort + i}"),
                Timeout = TimeSpan.FromMinutes(5),
            })).ToList();
            await silos[0].WaitWarmAsync(Pool, n, TimeSpan.FromMinutes(15));
            await WarmUpBurst.RunAsync(silos, Pool, n);
            return await BurstAsync(n, silos);
        }
        finally
        {
            await ClusterAsync(name, workloads, httpPort, "down");
            Directory.Delete(workloads, recursive: true);
        }
    }

    /// <summary>N claims at once, claim i through silo i mod count; answers claims per second, after checking no container went twice.</summary>
    private static async Task<double> BurstAsync(int n, IReadOnlyList<BenchApi> silos)
    {
        var started = Stopwatch.GetTimestamp();
        var claims = await Task.WhenAll(Enumerable.Range(0, n).Select(i => silos[i % silos.Count].ClaimAsync($"burst-{i}", Pool, BenchApi.NoProvisioning)));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var distinct = claims.Select(c => c.ContainerId).Distinct().Count();
        return distinct == n ? n / seconds : throw new InvalidOperationException($"{n} claims got only {distinct} distinct containers");
    }

    private async Task ClusterAsync(string name, string workloads, int httpPort, params string[] arguments)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(options.RepoRoot, "eng", "cluster"), .. arguments]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.Environment["CLUSTER_NAME"] = name;
        info.Environment["CLUSTER_APP"] = options.HostDll;
        info.Environment["CLUSTER_WORKLOADS_DIR"] = workloads;
        info.Environment["CLUSTER_HTTP_PORT"] = httpPort.ToString();
        info.Environment["CLUSTER_SILO_PORT"] = (httpPort + 10000).ToString();
        info.Environment["CLUSTER_GATEWAY_PORT"] = (httpPort + 12000).ToString();
        // The same settings as a bench host (BenchHost), so only the topology differs.
        info.Environment["BOILERHOUSE_MAX_PARALLEL_CREATES"] = "4";
        info.Environment["BOILERHOUSE_HEALTHY_TIMEOUT_SECONDS"] = "300";
        info.Environment["BOILERHOUSE_CLAIM_WAIT_SECONDS"] = "300";
        info.Environment["timers__warmPools"] = "* * * * * *";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"eng/cluster {string.Join(' ', arguments)} failed: {await output}{await errors}");
        }
    }

    private sealed record TlsValues(Uri Tls1, Uri Tls2, string CertPath)
    {
        public IReadOnlyList<DockerEndpoint> Endpoints =>
            [new DockerEndpoint { Uri = Tls1, TlsCertDirectory = CertPath }, new DockerEndpoint { Uri = Tls2, TlsCertDirectory = CertPath }];
    }

    private TlsValues? TlsEngines()
    {
        var state = Environment.GetEnvironmentVariable("ENG_STATE") is { Length: > 0 } configured ? configured : Path.Combine(options.RepoRoot, ".eng-state");
        var file = Path.Combine(state, "tls-hosts.env");
        if (!File.Exists(file))
        {
            return null;
        }

        var values = File.ReadAllLines(file).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        return new TlsValues(new Uri(values["TLS_HOST_1_URI"]), new Uri(values["TLS_HOST_2_URI"]), values["TLS_CLIENT_CERT_PATH"]);
    }

    private static string HostsYaml(TlsValues tls) => $"""
        hosts:
          - id: local
            endpoint: unix:///var/run/docker.sock
          - id: tls-1
            endpoint: {tls.Tls1.OriginalString}
            tls: {"{"} cert_path: {tls.CertPath} {"}"}
          - id: tls-2
            endpoint: {tls.Tls2.OriginalString}
            tls: {"{"} cert_path: {tls.CertPath} {"}"}

        """;
}
