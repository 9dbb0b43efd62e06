using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Boilerhouse.Core.Containers;

namespace Boilerhouse.Bench;

/// <summary>
/// A Boilerhouse host in Release, as its own process with its own data folder, workloads and
/// installation id; disposing it stops it and removes its containers by label.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;

    private BenchHost(Process process, string root, string instanceId, int port)
    {
        _process = process;
        _root = root;
        InstanceId = instanceId;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Api = new BenchApi(new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromMinutes(5),
        });
    }

    public string InstanceId { get; }
    public BenchApi Api { get; }
    public int ProcessId => _process.Id;

    /// <summary>Where the host's API answers (for clients other than <see cref="Api"/>, such as event streams).</summary>
    public Uri BaseAddress { get; }

    public static async Task<BenchHost> StartAsync(
        BenchOptions options, IReadOnlyDictionary<string, string> workloads, int parallelCreates = 4, IReadOnlyDictionary<string, string>? environment = null,
        string? hostDll = null)
    {
        var root = Directory.CreateTempSubdirectory("boilerhouse-bench-").FullName;
        var workloadDir = Directory.CreateDirectory(Path.Combine(root, "workloads")).FullName;
        foreach (var (id, yaml) in workloads)
        {
            await File.WriteAllTextAsync(Path.Combine(workloadDir, $"{id}.yaml"), yaml);
        }

        var port = FreePort();
        var instanceId = $"bench-{Guid.NewGuid():N}"[..16];
        var info = new ProcessStartInfo("dotnet", [hostDll ?? options.HostDll]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["BOILERHOUSE_ROOT"] = options.RepoRoot;
        info.Environment["BOILERHOUSE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["BOILERHOUSE_DATA_DIR"] = Path.Combine(root, "data");
        info.Environment["BOILERHOUSE_WORKLOADS_DIR"] = workloadDir;
        info.Environment["BOILERHOUSE_INSTANCE_ID"] = instanceId;
        info.Environment["BOILERHOUSE_SILO_PORT"] = FreePort().ToString();
        info.Environment["BOILERHOUSE_GATEWAY_PORT"] = FreePort().ToString();
        info.Environment["BOILERHOUSE_MAX_PARALLEL_CREATES"] = parallelCreates.ToString();
        info.Environment["BOILERHOUSE_HEALTHY_TIMEOUT_SECONDS"] = "300";
        info.Environment["BOILERHOUSE_CLAIM_WAIT_SECONDS"] = "300";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["timers__warmPools"] = "* * * * * *";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line && line.Contains("fail", StringComparison.OrdinalIgnoreCase)) Console.Error.WriteLine($"  host: {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new BenchHost(process, root, instanceId, port);
        await host.Api.WaitUntilAnsweringAsync(process);
        return host;
    }

    /// <summary>Resident memory of the host process (VmRSS), in MiB.</summary>
    public double RssMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await Cleanup.RemoveInstanceAsync(InstanceId);
        Directory.Delete(_root, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
