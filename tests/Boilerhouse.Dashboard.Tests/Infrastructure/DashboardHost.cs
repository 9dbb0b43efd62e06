using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Boilerhouse.Dashboard.Tests.Infrastructure;

/// <summary>
/// The built Boilerhouse host as a process on the real Docker engine, with one small pool, under
/// its own installation id (its containers are removed by label afterwards).
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    public const string Pool = "dash-pool";

    private readonly Process _process;
    private readonly List<string> _output = [];

    private DashboardHost(Process process, Uri address, string root, string instanceId)
    {
        _process = process;
        Address = address;
        Root = root;
        InstanceId = instanceId;
        Api = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(90) };
    }

    public Uri Address { get; }
    public string Root { get; }
    public string InstanceId { get; }

    /// <summary>An API client; it sends the admin key when the host has one.</summary>
    public HttpClient Api { get; }

    public static async Task<DashboardHost> StartAsync(string? adminKey = null)
    {
        var instanceId = $"dash-{Guid.NewGuid():N}"[..16];
        var root = Directory.CreateTempSubdirectory("boilerhouse-dashboard-").FullName;
        var workloads = Directory.CreateDirectory(Path.Combine(root, "workloads")).FullName;
        await File.WriteAllTextAsync(Path.Combine(workloads, $"{Pool}.yaml"), $$"""
            x-boilerhouse:
              id: {{Pool}}
              name: Dashboard test pool
              pool:
                min_size: 1
                max_size: 10
              config_schema:
                type: object
                properties:
                  greeting: { type: string, maxLength: 64 }
            image: boilerhouse/busybox:local
            command: ["sh", "-c", "while true; do sleep 1; done"]
            network_mode: none
            volumes:
              - { target: /state, x-boilerhouse-role: state }
              - { target: /secrets, read_only: true, x-boilerhouse-role: secrets }
              - { target: /config, read_only: true, x-boilerhouse-role: config }
            """);

        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [HostDll()]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["BOILERHOUSE_ROOT"] = RepoRoot();
        info.Environment["BOILERHOUSE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["BOILERHOUSE_DATA_DIR"] = Path.Combine(root, "data");
        info.Environment["BOILERHOUSE_WORKLOADS_DIR"] = workloads;
        info.Environment["BOILERHOUSE_INSTANCE_ID"] = instanceId;
        info.Environment["BOILERHOUSE_SILO_PORT"] = FreePort().ToString();
        info.Environment["BOILERHOUSE_GATEWAY_PORT"] = FreePort().ToString();
        info.Environment["timers__warmPools"] = "* * * * * *";
        info.Environment["timers__healthCheck"] = "*/2 * * * * *";
        // Pool charts get a point every second instead of every ten.
        info.Environment["BOILERHOUSE_STATS_INTERVAL_SECONDS"] = "1";
        if (adminKey is not null)
        {
            info.Environment["BOILERHOUSE_ADMIN_KEY"] = adminKey;
        }

        var host = new DashboardHost(Process.Start(info)!, new Uri($"http://127.0.0.1:{port}"), root, instanceId);
        host._process.OutputDataReceived += (_, e) => host.Remember(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Remember(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        if (adminKey is not null)
        {
            host.Api.DefaultRequestHeaders.Authorization = new("Bearer", adminKey);
        }

        await host.WaitUntilAnsweringAsync();
        return host;
    }

    private void Remember(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    public string Output()
    {
        lock (_output)
        {
            return string.Join('\n', _output.TakeLast(80));
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(150);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await Api.GetAsync("/api/v1/health");
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"The host did not answer (exited: {_process.HasExited}):\n{Output()}");
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await DockerCleanup.RemoveInstanceAsync(InstanceId);
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string HostDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(RepoRoot(), "src", "Boilerhouse.Functions", "bin", configuration, "net10.0", "Boilerhouse.Functions.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the host first: {dll}");
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Boilerhouse.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Boilerhouse.Functions.sln not found above the test folder.");
    }
}
