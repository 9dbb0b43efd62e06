using System.Diagnostics;

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

    private readonly List<string> _lines = [];

    /// <summary>Keeps what the host wrote, to explain a host that died and to check its output.</summary>
    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    /// <summary>Everything the host wrote to stdout and stderr so far.</summary>
    public string Output()
    {
        lock (_lines)
        {
            return string.Join('\n', _lines);
        }
    }

    private string LastLines()
    {
        lock (_lines)
        {
            return string.Join('\n', _lines.TakeLast(60));
        }
    }

    public static async Task<HostProcess> StartAsync(string root, string instanceId, IReadOnlyDictionary<string, string>? extra = null)
    {
        // A port taken between the probe and the bind (by another process) is the one start-up
        // failure that is the test machine's, not the host's: only that one is tried again.
        for (var attempt = 1; ; attempt++)
        {
            var host = Launch(root, instanceId, extra);
            try
            {
                await host.WaitUntilAnsweringAsync();
                return host;
            }
            catch (InvalidOperationException) when (attempt < 3 && host.Output().Contains("already in use", StringComparison.OrdinalIgnoreCase))
            {
                await host.DisposeAsync();
            }
        }
    }

    private static HostProcess Launch(string root, string instanceId, IReadOnlyDictionary<string, string>? extra)
    {
        var port = TestPorts.Free();
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
        info.Environment["BOILERHOUSE_SILO_PORT"] = TestPorts.Free().ToString();
        info.Environment["BOILERHOUSE_GATEWAY_PORT"] = TestPorts.Free().ToString();
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
        var deadline = DateTime.UtcNow.AddSeconds(120);
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

        throw new InvalidOperationException($"The host did not answer (exited: {_process.HasExited}); its last output:\n{LastLines()}");
    }

    /// <summary>The built host, for tests that start it themselves (eng/cluster).</summary>
    public static string HostDll()
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

}
