using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.IntegrationTests.Infrastructure;

/// <summary>
/// A Boilerhouse host in this test process (embedded silo, SQLite in a temp folder, the real Docker
/// engine), under its own installation id so its containers are told apart and cleaned up by label.
/// </summary>
public sealed class BoilerhouseApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private BoilerhouseApp(string root, string instanceId, WebApplicationFactory<Program> factory, CapturedLogs logs, Uri? kestrelAddress)
    {
        Logs = logs;
        Root = root;
        InstanceId = instanceId;
        _factory = factory;
        Client = kestrelAddress is null ? factory.CreateClient() : new HttpClient { BaseAddress = kestrelAddress, Timeout = TimeSpan.FromSeconds(120) };
        KestrelAddress = kestrelAddress;
    }

    /// <summary>The real HTTP address when the host was started on Kestrel (needed for WebSocket upgrades and streaming through the proxy).</summary>
    public Uri? KestrelAddress { get; }

    public string Root { get; }
    public string InstanceId { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _factory.Services;

    /// <summary>A WebSocket client into this host (the in-memory test server).</summary>
    public Microsoft.AspNetCore.TestHost.WebSocketClient CreateWebSocketClient() => _factory.Server.CreateWebSocketClient();

    /// <summary>Everything the host logged, at every level.</summary>
    public CapturedLogs Logs { get; }

    /// <summary>Starts a host with the given workload files and settings (environment variables, as an operator would set).</summary>
    /// <param name="services">Adds to the host's services after its own (e.g. a test's in-memory trace exporter).</param>
    public static BoilerhouseApp Start(
        IReadOnlyDictionary<string, string> workloadFiles, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null,
        bool kestrel = false)
    {
        var instanceId = $"it-{Guid.NewGuid():N}"[..16];
        var root = Directory.CreateTempSubdirectory("boilerhouse-it-").FullName;
        var workloads = Directory.CreateDirectory(Path.Combine(root, "workloads")).FullName;
        foreach (var (name, content) in workloadFiles)
        {
            File.WriteAllText(Path.Combine(workloads, name), content);
        }

        var environment = new Dictionary<string, string>
        {
            ["BOILERHOUSE_DATA_DIR"] = Path.Combine(root, "data"),
            ["BOILERHOUSE_WORKLOADS_DIR"] = workloads,
            ["BOILERHOUSE_INSTANCE_ID"] = instanceId,
            ["BOILERHOUSE_SILO_PORT"] = TestPorts.Free().ToString(),
            ["BOILERHOUSE_GATEWAY_PORT"] = TestPorts.Free().ToString(),
            ["BOILERHOUSE_MAX_PARALLEL_CREATES"] = "6",
            ["BOILERHOUSE_CLAIM_WAIT_SECONDS"] = "60",
            ["BOILERHOUSE_LEFTOVER_GRACE_SECONDS"] = "15",
            ["timers__warmPools"] = "* * * * * *",
            ["timers__healthCheck"] = "* * * * * *",
            ["timers__idleRelease"] = "* * * * * *",
            ["timers__orphanReaping"] = "*/2 * * * * *",
        };
        var kestrelAddress = kestrel ? new Uri($"http://127.0.0.1:{TestPorts.Free()}") : null;
        if (kestrelAddress is not null)
        {
            environment["BOILERHOUSE_URLS"] = kestrelAddress.ToString().TrimEnd('/');
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        // The host reads its settings while it is built; the variables are restored right after.
        var previous = environment.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (key, value) in environment)
            {
                Environment.SetEnvironmentVariable(key, value);
            }

            var logs = new CapturedLogs();
            var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
                .ConfigureLogging(l => l.AddProvider(logs))
                .ConfigureServices(s => services?.Invoke(s)));
            if (kestrelAddress is not null)
            {
                factory.UseKestrel();
                factory.StartServer();
            }
            else
            {
                _ = factory.Server;
            }

            return new BoilerhouseApp(root, instanceId, factory, logs, kestrelAddress);
        }
        finally
        {
            foreach (var (key, value) in previous)
            {
                Environment.SetEnvironmentVariable(key, value);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await DockerProbe.RemoveInstanceAsync(InstanceId);
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

}
