using Boilerhouse.Testing;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Hosts;

/// <summary>
/// A Boilerhouse host over several Docker hosts (a hosts.yaml in a temp folder), checking hosts every
/// second and calling one unhealthy after two failed checks. Disposal removes its containers from
/// every engine.
/// </summary>
public sealed class MultiHostApp : IAsyncDisposable
{
    private readonly string _folder;

    private MultiHostApp(TlsHosts hosts, BoilerhouseApp app, string folder)
    {
        Hosts = hosts;
        App = app;
        _folder = folder;
    }

    public TlsHosts Hosts { get; }
    public BoilerhouseApp App { get; }
    public HttpClient Api => App.Client;

    public static MultiHostApp Start(
        IReadOnlyList<HostEntry> hosts, IReadOnlyDictionary<string, string> workloadFiles, IReadOnlyDictionary<string, string>? settings = null)
    {
        var tls = TlsHosts.Load();
        var folder = Directory.CreateTempSubdirectory("boilerhouse-hosts-").FullName;
        var hostsFile = Path.Combine(folder, "hosts.yaml");
        File.WriteAllText(hostsFile, tls.HostsYaml([.. hosts]));
        var all = new Dictionary<string, string>
        {
            ["BOILERHOUSE_HOSTS_FILE"] = hostsFile,
            ["BOILERHOUSE_HOST_UNHEALTHY_AFTER"] = "2",
            ["BOILERHOUSE_HOST_PROBE_TIMEOUT_SECONDS"] = "5",
            ["timers__hostHealth"] = "* * * * * *",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return new MultiHostApp(tls, BoilerhouseApp.Start(workloadFiles, all), folder);
    }

    /// <summary>A worker workload (network none, 0.1 CPU, 16M) with an optional x-boilerhouse.placement labels mapping.</summary>
    public static string Worker(string id, int min, int max, string? placementLabels = null) => new WorkloadYaml(id)
    {
        MinSize = min,
        MaxSize = max,
        Placement = placementLabels is null ? null : $"labels: {placementLabels}",
        Volumes = [WorkloadYaml.Volume("state"), WorkloadYaml.Volume("secrets")],
        HealthCheck = WorkloadYaml.StateHealth + "\ninterval: 500ms\nretries: 3",
    }.ToString();

    /// <summary>The pool's containers as the API lists them, with their hosts.</summary>
    public async Task<List<System.Text.Json.Nodes.JsonNode>> ContainersAsync(string poolId) =>
        [.. (await Api.GetJsonAsync($"/api/v1/pools/{poolId}/containers")).AsArray().Select(c => c!)];

    /// <summary>The host of a container in the pool containers list; null while it is being placed.</summary>
    public static string? HostOf(System.Text.Json.Nodes.JsonNode container) => container["hostId"]?.GetValue<string>();

    /// <summary>Waits until the host's status (healthy, unhealthy) is the given one.</summary>
    public Task WaitForHostAsync(string hostId, string status, TimeSpan? timeout = null) =>
        ApiExtensions.WaitUntilAsync(
            async () => (await Api.GetJsonAsync($"/api/v1/hosts/{hostId}")).Str("status") == status,
            $"host {hostId} is {status}", timeout);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Hosts.RemoveInstanceAsync(App.InstanceId);
        Directory.Delete(_folder, recursive: true);
    }
}
