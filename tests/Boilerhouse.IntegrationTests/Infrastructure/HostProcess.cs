using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Boilerhouse.IntegrationTests.Infrastructure;

/// <summary>
/// Boilerhouse as a separate process (the built host), so a test can kill it like kill -9 and
/// start it again on the same data folder.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(90) };
    }

    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    private readonly Queue<string> _lastLines = new();

    /// <summary>Keeps the last lines the host wrote, to explain a host that died.</summary>
    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private string[] LastLines()
    {
        lock (_lastLines)
        {
            return [.. _lastLines];
        }
    }

    public static async Task<HostProcess> StartAsync(string root, string instanceId, IReadOnlyDictionary<string, string>? extra = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [HostDll()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["BOILERHOUSE_ROOT"] = RepoRoot();
        info.Environment["BOILERHOUSE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["BOILERHOUSE_DATA_DIR"] = Path.Combine(root, "data");
        info.Environment["BOILERHOUSE_WORKLOADS_DIR"] = Path.Combine(root, "workloads");
        info.Environment["BOILERHOUSE_INSTANCE_ID"] = instanceId;
        info.Environment["BOILERHOUSE_SILO_PORT"] = FreePort().ToString();
        info.Environment["BOILERHOUSE_GATEWAY_PORT"] = FreePort().ToString();
        info.Environment["timers__warmPools"] = "* * * * * *";
        info.Environment["timers__healthCheck"] = "* * * * * *";
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => host.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => host.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilAnsweringAsync();
        return host;
    }

    /// <summary>Waits until the process is gone (a crash point killed it).</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await Client.GetAsync("/api/v1/health");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"The host did not answer (exited: {_process.HasExited}); its last output:\n{string.Join('\n', LastLines())}");
    }

    private static string HostDll()
    {
        // The host built in the same configuration as these tests.
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
