using Boilerhouse.Core.Containers;
using Boilerhouse.IntegrationTests.Hosts;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Isolation;

/// <summary>A container the isolation tests attack from or attack, with its address on its network.</summary>
public sealed record Target(string Id, string Address, string? Gateway);

/// <summary>
/// One engine set up for the isolation tests: Boilerhouse placing three pools there (iso-deny, egress
/// denied by default, tenants a and b; iso-allow, egress allowed, tenant c; iso-pub, publishing its
/// port on the engine's host, tenants d and e), all serving HTTP on 8080, plus two containers on
/// Docker's default bridge (an attacker and a victim) that show each attack works where Boilerhouse
/// does not isolate.
/// </summary>
public abstract class IsolationFixture : IAsyncLifetime
{
    public const string DenyPool = "iso-deny";
    public const string AllowPool = "iso-allow";
    public const string PublishingPool = "iso-pub";
    public const int WebPort = 8080;

    private MultiHostApp? _app;

    public IsolationListeners Listeners { get; private set; } = null!;
    public IContainerRuntime Runtime { get; private set; } = null!;
    public DockerClient Client { get; private set; } = null!;
    public Target TenantA { get; private set; } = null!;
    public Target TenantB { get; private set; } = null!;
    public Target TenantC { get; private set; } = null!;
    public Target TenantD { get; private set; } = null!;
    public Target TenantE { get; private set; } = null!;

    /// <summary>Where tenant d's port 8080 is published on the engine's host.</summary>
    public (string Address, int Port) PublishedD { get; private set; }
    public Target Attacker { get; private set; } = null!;
    public Target Victim { get; private set; } = null!;
    public string InstanceId => _app!.App.InstanceId;

    /// <summary>The engine under test, as tests/hosts.yaml names it.</summary>
    protected abstract string HostId { get; }

    /// <summary>The iso-pub pool's compose port, published on an address of the engine's host other than its loopback.</summary>
    protected abstract string PublishedPort { get; }

    /// <summary>Addresses of the engine's own host, with the port a listener answers on there.</summary>
    public abstract IReadOnlyList<(string Address, int Port)> HostAddresses();

    /// <summary>A listener outside the engine's host, reached only through a route out.</summary>
    public abstract (string Address, int Port) Outside { get; }

    /// <summary>The metadata stand-in (in bh-tls3) on 169.254.169.254.</summary>
    public (string Address, int Port) Metadata => (IsolationListeners.MetadataAddress, Listeners.NamespacePort);

    private IReadOnlyDictionary<string, string> Workloads => new Dictionary<string, string>
    {
        [$"{DenyPool}.yaml"] = Web(DenyPool, min: 2, extension: null),
        [$"{AllowPool}.yaml"] = Web(AllowPool, min: 1, extension: "network: { egress: allow }"),
        [$"{PublishingPool}.yaml"] = Web(PublishingPool, min: 2, extension: null, ports: [PublishedPort]),
    };

    private static string Web(string id, int min, string? extension, IReadOnlyList<string>? ports = null) => new WorkloadYaml(id)
    {
        MinSize = min,
        MaxSize = min + 1,
        Command = WorkloadYaml.WebServer,
        NetworkMode = null,
        Ports = ports ?? [],
        Extension = extension,
        HealthCheck = WorkloadYaml.WebHealth + "\ninterval: 500ms\ntimeout: 2s\nretries: 3",
    }.ToString();

    public async Task InitializeAsync()
    {
        // The host starts synchronously, before any await, as in the other fixtures.
        _app = MultiHostApp.Start([new HostEntry(HostId)], Workloads);
        Listeners = await Task.Run(IsolationListeners.StartAsync);
        Runtime = _app.App.Services.GetRequiredService<IContainerRuntime>();
        Client = _app.Hosts.Client(HostId);
        TenantA = await ClaimAsync("tenant-a", DenyPool);
        TenantB = await ClaimAsync("tenant-b", DenyPool);
        TenantC = await ClaimAsync("tenant-c", AllowPool);
        TenantD = await ClaimAsync("tenant-d", PublishingPool);
        TenantE = await ClaimAsync("tenant-e", PublishingPool);
        var published = (await Client.Containers.InspectContainerAsync(TenantD.Id)).NetworkSettings.Ports[$"{WebPort}/tcp"][0];
        PublishedD = (published.HostIP == "0.0.0.0" ? HostAddresses()[0].Address : published.HostIP, int.Parse(published.HostPort, System.Globalization.CultureInfo.InvariantCulture));
        Victim = await StartOnDefaultBridgeAsync("victim", WorkloadYaml.WebServer);
        Attacker = await StartOnDefaultBridgeAsync("attacker", WorkloadYaml.SleepLoop);
    }

    private async Task<Target> ClaimAsync(string tenant, string pool)
    {
        var id = await _app!.Api.ClaimOkAsync(tenant, pool);
        return await TargetAsync(id);
    }

    private async Task<Target> TargetAsync(string id)
    {
        var container = await Client.Containers.InspectContainerAsync(id);
        var network = Assert.Single(container.NetworkSettings.Networks);
        var gateway = network.Value.Gateway;
        if (string.IsNullOrEmpty(gateway) && network.Key != "bridge")
        {
            // An internal network gives its containers no gateway; its bridge still has the address.
            var inspected = await Client.Networks.InspectNetworkAsync(network.Key);
            gateway = inspected.IPAM.Config.FirstOrDefault()?.Gateway;
        }

        return new Target(id, network.Value.IPAddress, string.IsNullOrEmpty(gateway) ? null : gateway);
    }

    private async Task<Target> StartOnDefaultBridgeAsync(string role, string command)
    {
        var created = await Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = $"{InstanceId}-{role}",
            Image = WorkloadYaml.BusyboxImage,
            Cmd = System.Text.Json.JsonSerializer.Deserialize<List<string>>(command),
            Labels = new Dictionary<string, string> { [ContainerLabels.Instance] = InstanceId },
            HostConfig = new HostConfig { NetworkMode = "bridge" },
        });
        await Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        return await TargetAsync(created.ID);
    }

    /// <summary>What an HTTP request from inside the container to address:port got back ("" when it got nowhere).</summary>
    public async Task<string> RequestAsync(Target from, string address, int port, int waitSeconds)
    {
        var script = $"printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w {waitSeconds} {address} {port} 2>&1";
        var result = await Runtime.ExecAsync(from.Id, ["sh", "-c", script], CancellationToken.None);
        return result.Stdout + result.Stderr;
    }

    /// <summary>The request answers (tried again for up to 90 s: a server may still be starting).</summary>
    public async Task AssertReachesAsync(Target from, string address, int port)
    {
        var last = "";
        await ApiExtensions.WaitUntilAsync(async () => (last = await RequestAsync(from, address, port, 10)).Contains("HTTP/1.", StringComparison.Ordinal),
            $"{from.Address} reaches {address}:{port} (last answer: {last})");
    }

    /// <summary>An HTTP request from this process (on the engine's host, or routed to it) answers.</summary>
    public static async Task AssertReachesFromHereAsync(string address, int port)
    {
        var last = "";
        await ApiExtensions.WaitUntilAsync(async () => (last = await RequestFromHereAsync(address, port)).StartsWith("HTTP/1.", StringComparison.Ordinal),
            $"this process reaches {address}:{port} (last answer: {last})");
    }

    private static async Task<string> RequestFromHereAsync(string address, int port)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(System.Net.IPAddress.Parse(address), port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("GET / HTTP/1.0\r\n\r\n"u8.ToArray(), timeout.Token);
            using var reader = new StreamReader(stream);
            return await reader.ReadToEndAsync(timeout.Token);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException or IOException)
        {
            return e.Message;
        }
    }

    /// <summary>The request gets no answer at all.</summary>
    public async Task AssertBlockedAsync(Target from, string address, int port)
    {
        var answer = await RequestAsync(from, address, port, 5);
        Assert.False(answer.Contains("HTTP/1.", StringComparison.Ordinal), $"{from.Address} reached {address}:{port}: {answer}");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (Listeners is not null)
        {
            await Listeners.DisposeAsync();
        }
    }
}

/// <summary>The local engine (unix socket, iptables on, eng/docker-host-guard.sh installed by eng/setup-docker.sh).</summary>
public sealed class LocalIsolationFixture : IsolationFixture
{
    protected override string HostId => TlsHosts.Local;

    /// <summary>Every address of this machine: a container cannot reach the host's loopback anyway.</summary>
    protected override string PublishedPort => $"0.0.0.0::{WebPort}";

    /// <summary>Every IPv4 address of this machine (the local engine's host) but loopback, and the pools' gateways.</summary>
    public override IReadOnlyList<(string Address, int Port)> HostAddresses() =>
    [
        .. System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a))
            .Select(a => (a.ToString(), Listeners.HostPort)),
    ];

    public override (string Address, int Port) Outside => (IsolationListeners.NamespaceAddress, Listeners.NamespacePort);
}

/// <summary>Engine 3: a TLS engine in its own network namespace bh-tls3 (iptables on, guard installed there).</summary>
public sealed class RemoteIsolationFixture : IsolationFixture
{
    protected override string HostId => TlsHosts.Tls3;

    /// <summary>Loopback as written, which engine 3's advertise_address turns into 10.213.30.2.</summary>
    protected override string PublishedPort => WebPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Engine 3's host: its address on the veth, its default bridge and the pools' bridges.</summary>
    public override IReadOnlyList<(string Address, int Port)> HostAddresses() =>
    [
        .. new[] { IsolationListeners.NamespaceAddress, Victim.Gateway, TenantA.Gateway, TenantC.Gateway }
            .OfType<string>().Distinct().Select(a => (a, Listeners.NamespacePort)),
    ];

    public override (string Address, int Port) Outside => (IsolationListeners.HostSideAddress, Listeners.HostPort);
}
