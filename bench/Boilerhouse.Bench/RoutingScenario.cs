using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Boilerhouse.Testing;

namespace Boilerhouse.Bench;

/// <summary>
/// Tenant traffic (issue 13): a GET through <c>/t/{tenantId}/</c> against the same GET straight to
/// the container's published port, alternating sample by sample in one run (goal: the proxy adds
/// at most 1 ms at the median); and WebSocket echo round trips through the proxy and direct.
/// </summary>
public sealed class RoutingScenario(BenchOptions options, Results results)
{
    private const string Scenario = "10. routing";

    public async Task RunAsync()
    {
        var loadBefore = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var workloads = new Dictionary<string, string>
        {
            ["rweb"] = BenchWorkloads.Web("rweb", 1, 2),
            ["recho"] = new WorkloadYaml("recho")
            {
                MinSize = 1,
                MaxSize = 2,
                IdleTimeout = null,
                Command = EchoServer.Command,
                NetworkMode = null,
                Ports = ["8080", "8081"],
                Volumes = WorkloadYaml.AllVolumes,
                Extension = "routing: { port: 8080 }",
                Cpus = "0.5",
                Memory = "32M",
            }.ToString(),
        };
        await using var host = await BenchHost.StartAsync(options, workloads);
        await host.Api.WaitQuietAsync("rweb", 1, TimeSpan.FromMinutes(5));
        await host.Api.WaitQuietAsync("recho", 1, TimeSpan.FromMinutes(5));
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

        var web = await ClaimAsync(client, "rt-web", new { poolId = "rweb" });
        await GetLatencyAsync(client, new Uri(host.BaseAddress, "/t/rt-web/index.html"), new Uri($"{DirectAddress(web, 8080)}/index.html"));

        var echo = await ClaimAsync(client, "rt-echo", new { poolId = "recho", secrets = new Dictionary<string, string> { [EchoServer.SecretName] = EchoServer.Script } });
        var proxiedWs = new UriBuilder(host.BaseAddress) { Scheme = "ws", Path = "/t/rt-echo/ws" }.Uri;
        var directWs = new UriBuilder(DirectAddress(echo, 8080)) { Scheme = "ws", Path = "/ws" }.Uri;
        await WebSocketEchoAsync(proxiedWs, directWs);
        results.Add(new(Scenario, "machine load (1-minute load average, before / after the scenario)",
            $"{loadBefore} / {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores", "", null));
    }

    private async Task GetLatencyAsync(HttpClient client, Uri proxied, Uri direct)
    {
        var samples = options.Quick ? 100 : 500;
        await WaitForOkAsync(client, proxied);
        // Warm both paths (connections, JIT) before measuring.
        for (var i = 0; i < 20; i++)
        {
            await TimeGetAsync(client, proxied);
            await TimeGetAsync(client, direct);
        }

        var viaProxy = new List<double>();
        var straight = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            // Alternating, so both series see the same machine load.
            viaProxy.Add(await TimeGetAsync(client, proxied));
            straight.Add(await TimeGetAsync(client, direct));
        }

        var p = Stats.Of(viaProxy);
        var d = Stats.Of(straight);
        var added = p.Median - d.Median;
        results.Add(new(Scenario, "GET through /t/{tenantId}/ (YARP)", p.ToString(), "", null));
        results.Add(new(Scenario, "GET straight to the container's published port", d.ToString(), "", null));
        results.Add(new(Scenario, "added by the proxy at the median", $"{added:0.00} ms", "<= 1 ms", added <= 1.0));
    }

    private async Task WebSocketEchoAsync(Uri proxied, Uri direct)
    {
        var samples = options.Quick ? 20 : 100;
        using var viaProxy = await ConnectAsync(proxied);
        using var straight = await ConnectAsync(direct);
        var p = new List<double>();
        var d = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            p.Add(await EchoAsync(viaProxy, $"message {i}"));
            d.Add(await EchoAsync(straight, $"message {i}"));
        }

        results.Add(new(Scenario, "WebSocket echo round trip through the proxy", Stats.Of(p).ToString(), "", null,
            "(the echo server is busybox sh: most of a round trip is the container's shell)"));
        results.Add(new(Scenario, "WebSocket echo round trip straight to the container", Stats.Of(d).ToString(), "", null));
        results.Add(new(Scenario, "WebSocket: added by the proxy at the median", $"{Stats.Of(p).Median - Stats.Of(d).Median:0.00} ms", "", null));
    }

    /// <summary>Connects once the echo server listens: it starts from the secret handed over with the claim, a moment after it.</summary>
    private static async Task<ClientWebSocket> ConnectAsync(Uri address)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(address, CancellationToken.None);
                return socket;
            }
            catch (WebSocketException) when (DateTime.UtcNow < deadline)
            {
                socket.Dispose();
                await Task.Delay(200);
            }
        }
    }

    private static async Task<double> EchoAsync(ClientWebSocket socket, string message)
    {
        var started = Stopwatch.GetTimestamp();
        await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[256];
        var received = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(received), CancellationToken.None);
            received += result.Count;
        }
        while (!result.EndOfMessage);

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var echoed = Encoding.UTF8.GetString(buffer, 0, received);
        return echoed == message ? elapsed : throw new InvalidOperationException($"The echo answered '{echoed}' to '{message}'.");
    }

    private static async Task<double> TimeGetAsync(HttpClient client, Uri address)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(address);
        await response.Content.LoadIntoBufferAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return response.StatusCode == HttpStatusCode.OK ? elapsed : throw new InvalidOperationException($"GET {address} answered {(int)response.StatusCode}.");
    }

    private static async Task WaitForOkAsync(HttpClient client, Uri address)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            using var response = await client.GetAsync(address);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"GET {address} never answered 200 (last {(int)response.StatusCode}).");
            }

            await Task.Delay(200);
        }
    }

    private static async Task<JsonNode> ClaimAsync(HttpClient client, string tenant, object body)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/tenants/{tenant}/claim?waitMs=60000", body);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return response.StatusCode == HttpStatusCode.OK ? json : throw new InvalidOperationException($"Claim of {tenant} answered {(int)response.StatusCode}: {json}");
    }

    /// <summary>http://address:hostPort of a container port, from the claim's endpoints.</summary>
    private static string DirectAddress(JsonNode claim, int containerPort)
    {
        var port = claim["endpoints"]!["ports"]!.AsArray().First(p => p!["containerPort"]!.GetValue<int>() == containerPort)!;
        return $"http://{port["hostIp"]!.GetValue<string>()}:{port["hostPort"]!.GetValue<int>()}";
    }
}
