using System.Diagnostics;
using Boilerhouse.IntegrationTests.Infrastructure;
using Npgsql;

namespace Boilerhouse.IntegrationTests.Cluster;

/// <summary>
/// A cluster started by <c>./eng/cluster up N</c> (PostgreSQL, the membership store, N silo
/// processes of the built host), shared by one test class: its silos' HTTP clients, kill -9 and
/// restart of a silo through the same script, a connection to its database, and `down` at the end.
/// With <paramref name="ownPostgres"/> the cluster's database lives in a PostgreSQL server of its own
/// (<c>up --own-postgres</c>) that the test may stop and start without touching the shared one.
/// </summary>
public abstract class LocalCluster(int silos, string membership, bool ownPostgres = false) : IAsyncLifetime
{
    private readonly string _workloads = Directory.CreateTempSubdirectory("boilerhouse-cluster-").FullName;
    private int _httpPort;

    public string Name { get; } = $"it{Guid.NewGuid():N}"[..14];

    /// <summary>The label value of every container the cluster creates.</summary>
    public string InstanceId => $"cluster-{Name}";

    public IReadOnlyList<HttpClient> Silos { get; private set; } = [];

    /// <summary>The workloads every silo loads; written before the cluster starts.</summary>
    protected abstract IReadOnlyDictionary<string, string> Workloads { get; }

    /// <summary>BOILERHOUSE_* settings every silo gets besides the cluster's own.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        foreach (var (id, yaml) in Workloads)
        {
            await File.WriteAllTextAsync(Path.Combine(_workloads, $"{id}.yaml"), yaml);
        }

        _httpPort = TestPorts.FreeRange(silos);
        await RunAsync(["up", silos.ToString(), "--membership", membership, .. ownPostgres ? ["--own-postgres"] : Array.Empty<string>()]);
        Silos = [.. Enumerable.Range(0, silos).Select(i => new HttpClient
        {
            BaseAddress = new Uri($"http://127.0.0.1:{_httpPort + i}"),
            Timeout = TimeSpan.FromSeconds(90),
        })];
    }

    public async Task DisposeAsync()
    {
        foreach (var client in Silos)
        {
            client.Dispose();
        }

        await RunAsync("down");
        await DockerProbe.RemoveInstanceAsync(InstanceId);
        Directory.Delete(_workloads, recursive: true);
    }

    /// <summary>Silo <paramref name="index"/> (1-based) dies as a crash would: SIGKILL.</summary>
    public Task KillAsync(int index) => RunAsync("stop", index.ToString());

    /// <summary>Starts silo <paramref name="index"/> again; returns once it answers.</summary>
    public Task StartAsync(int index) => RunAsync("start", index.ToString());

    /// <summary>Stops, starts or restarts the cluster's own PostgreSQL (<c>eng/cluster postgres stop|start|restart</c>).</summary>
    public async Task PostgresAsync(string command)
    {
        await RunAsync("postgres", command);
        // This process's pooled connections died with the server: the next open must dial a new one.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>The silos' log files, for a test that reports what they saw.</summary>
    public string SiloLog(int index) => Path.Combine(EngState, "cluster", Name, $"silo{index}", "silo.log");

    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var values = File.ReadAllLines(Path.Combine(EngState, "postgres.env"))
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        var ownPort = Path.Combine(EngState, "cluster", Name, "postgres", "port");
        var port = File.Exists(ownPort) ? File.ReadAllText(ownPort).Trim() : values["POSTGRES_PORT"];
        var connection = new NpgsqlConnection(
            $"Host=127.0.0.1;Port={port};Database=boilerhouse_{Name};Username={values["POSTGRES_USER"]};Password={values["POSTGRES_PASSWORD"]}");
        await connection.OpenAsync();
        return connection;
    }

    private static string EngState =>
        Environment.GetEnvironmentVariable("ENG_STATE") is { Length: > 0 } configured ? configured : Path.Combine(HostProcess.RepoRoot(), ".eng-state");

    private async Task RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(HostProcess.RepoRoot(), "eng", "cluster"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Only the settings below reach the silos, whatever another test left in this process's environment.
        foreach (var inherited in info.Environment.Keys.Where(k => k.StartsWith("BOILERHOUSE_", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(inherited);
        }

        info.Environment["ENG_STATE"] = EngState;
        info.Environment["CLUSTER_NAME"] = Name;
        info.Environment["CLUSTER_APP"] = HostProcess.HostDll();
        info.Environment["CLUSTER_WORKLOADS_DIR"] = _workloads;
        info.Environment["CLUSTER_HTTP_PORT"] = _httpPort.ToString();
        if (arguments[0] == "up")
        {
            info.Environment["CLUSTER_SILO_PORT"] = TestPorts.FreeRange(silos).ToString();
            info.Environment["CLUSTER_GATEWAY_PORT"] = TestPorts.FreeRange(silos).ToString();
        }

        // Pools are topped up every second, so a pool that lost its silo is seen warming again quickly.
        info.Environment["timers__warmPools"] = "* * * * * *";
        info.Environment["timers__healthCheck"] = "* * * * * *";
        foreach (var (key, value) in Settings)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"eng/cluster {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{await output}\n{await errors}");
    }
}
