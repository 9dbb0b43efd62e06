using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Access;

/// <summary>The built host as its own process on any address and scheme, with no workloads: for start-up and HTTPS tests.</summary>
public sealed class LaunchedHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _root;

    private LaunchedHost(Process process, string root)
    {
        _process = process;
        _root = root;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static LaunchedHost Start(Dictionary<string, string> settings)
    {
        var root = Directory.CreateTempSubdirectory("boilerhouse-access-").FullName;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(HostProcess.RepoRoot(), "src", "Boilerhouse.Functions", "bin", configuration, "net10.0", "Boilerhouse.Functions.dll");
        var info = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["BOILERHOUSE_ROOT"] = HostProcess.RepoRoot();
        info.Environment["BOILERHOUSE_DATA_DIR"] = Path.Combine(root, "data");
        info.Environment["BOILERHOUSE_WORKLOADS_DIR"] = Directory.CreateDirectory(Path.Combine(root, "workloads")).FullName;
        info.Environment["BOILERHOUSE_INSTANCE_ID"] = $"it-{Guid.NewGuid():N}"[..16];
        info.Environment["BOILERHOUSE_SILO_PORT"] = FreePort().ToString();
        info.Environment["BOILERHOUSE_GATEWAY_PORT"] = FreePort().ToString();
        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        var host = new LaunchedHost(Process.Start(info)!, root);
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Waits until the host answers any HTTP request on <paramref name="client"/>.</summary>
    public async Task WaitUntilAnsweringAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var _ = await client.GetAsync("/api/v1/health");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        throw new InvalidOperationException($"The host did not answer (exited: {_process.HasExited}); its output:\n{Output}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
