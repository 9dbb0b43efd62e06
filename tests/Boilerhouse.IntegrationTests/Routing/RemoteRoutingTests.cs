using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using Boilerhouse.Core.Containers;
using Boilerhouse.Docker;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;
using Docker.DotNet.Models;

namespace Boilerhouse.IntegrationTests.Routing;

/// <summary>
/// Tenant traffic to a container on a remote engine: "engine 3" of eng/setup-tls-hosts.sh runs in
/// its own network namespace, so its loopback is not this machine's; only ports published on its
/// advertise_address (TLS_HOST_3_ADVERTISE) are reachable from here.
/// </summary>
public sealed class RemoteRoutingTests : IAsyncLifetime
{
    private const string Pool = "rr-echo";
    private const string AdminKey = "remote-routing-admin-key-0123456789abcdef";

    private readonly Dictionary<string, string> _env = ReadEnv();
    private string _folder = null!;
    private BoilerhouseApp _app = null!;
    private HttpClient _admin = null!;

    public Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("boilerhouse-remote-routing-").FullName;
        var hostsFile = Path.Combine(_folder, "hosts.yaml");
        File.WriteAllText(hostsFile, $"""
            hosts:
              - id: engine-3
                endpoint: {_env["TLS_HOST_3_URI"]}
                tls: {"{"} cert_path: {_env["TLS_CLIENT_CERT_PATH"]} {"}"}
                advertise_address: {_env["TLS_HOST_3_ADVERTISE"]}
            """);
        _app = BoilerhouseApp.Start(new Dictionary<string, string>
        {
            [$"{Pool}.yaml"] = new WorkloadYaml(Pool)
            {
                MinSize = 1,
                MaxSize = 2,
                Command = EchoServer.Command,
                NetworkMode = null,
                Ports = ["8080", "8081"],
                Volumes = WorkloadYaml.AllVolumes,
                Extension = "routing: { port: 8080 }",
            }.ToString(),
        }, new Dictionary<string, string>
        {
            ["BOILERHOUSE_HOSTS_FILE"] = hostsFile,
            ["BOILERHOUSE_ADMIN_KEY"] = AdminKey,
        }, kestrel: true);
        _admin = new HttpClient { BaseAddress = _app.KestrelAddress, Timeout = TimeSpan.FromSeconds(120) };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
        await RemoveFromEngine3Async(_app.InstanceId);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Traffic_reaches_a_container_on_a_remote_engine_through_its_advertised_address()
    {
        var advertised = _env["TLS_HOST_3_ADVERTISE"];

        var (claimed, claim) = await _admin.ClaimAsync("rr-tenant", new { poolId = Pool, secrets = new Dictionary<string, string> { [EchoServer.SecretName] = EchoServer.Script } });
        Assert.True(claimed.StatusCode == HttpStatusCode.OK, claim.ToJsonString());
        var ports = claim["endpoints"]!["ports"]!.AsArray();
        var answer = await WaitForOkAsync("/t/rr-tenant/remote?q=1");
        var other = await WaitForOkAsync("/t/rr-tenant:8081/other");

        Assert.All(ports, p => Assert.Equal(advertised, p!["hostIp"]!.GetValue<string>()));
        Assert.Contains("port=8080 method=GET target=/remote?q=1 prefix=/t/rr-tenant", answer);
        Assert.Contains("port=8081 method=GET target=/other", other);

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Boilerhouse-Token", claim.Str("accessToken"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await socket.ConnectAsync(new UriBuilder(_app.KestrelAddress!) { Scheme = "ws", Path = "/t/rr-tenant/ws" }.Uri, timeout.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes("over the veth"), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal("over the veth", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    private async Task<string> WaitForOkAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await _admin.GetAsync(path);
            last = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return last;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{path} never answered 200; last: {last}");
        return last;
    }

    private async Task RemoveFromEngine3Async(string instanceId)
    {
        using var client = DockerClientFactory.Create(new DockerEndpoint { Uri = new Uri(_env["TLS_HOST_3_URI"]), TlsCertDirectory = _env["TLS_CLIENT_CERT_PATH"] });
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.Instance}={instanceId}"] = true } };
        foreach (var container in await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }))
        {
            await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true });
        }

        foreach (var volume in (await client.Volumes.ListAsync(new VolumesListParameters { Filters = filter })).Volumes ?? [])
        {
            await client.Volumes.RemoveAsync(volume.Name, force: true);
        }

        await DockerProbe.RemoveNetworksAsync(client, instanceId); // the pool network, after its containers
    }

    private static Dictionary<string, string> ReadEnv()
    {
        var state = Environment.GetEnvironmentVariable("ENG_STATE") is { Length: > 0 } configured ? configured : Path.Combine(HostProcess.RepoRoot(), ".eng-state");
        var file = Path.Combine(state, "tls-hosts.env");
        var values = File.Exists(file)
            ? File.ReadAllLines(file).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1])
            : [];
        return values.ContainsKey("TLS_HOST_3_URI") && values.ContainsKey("TLS_HOST_3_ADVERTISE")
            ? values
            : throw new InvalidOperationException($"Engine 3 is not set up ({file} has no TLS_HOST_3_URI / TLS_HOST_3_ADVERTISE): run `bash eng/setup-tls-hosts.sh` first (eng/test runs it).");
    }
}
