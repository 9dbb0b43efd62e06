using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;

namespace Boilerhouse.IntegrationTests.Routing;

/// <summary>
/// One host on Kestrel (WebSocket upgrades and streaming need a real server) with keys on, a routing
/// domain and three workloads: <c>rt-echo</c> (the echo server on 8080 and 8081, routing port 8080),
/// <c>rt-web</c> (httpd, claims on request) and <c>rt-public</c> (httpd, public, claims on request).
/// Two workloads claim on request, so a request must name its pool (X-Boilerhouse-Pool) to claim.
/// </summary>
public sealed class RoutingFixture : IAsyncLifetime
{
    public const string Echo = "rt-echo";
    public const string Web = "rt-web";
    public const string Public = "rt-public";
    public const string Domain = "apps.routing.test";
    public const string AdminKey = "routing-test-admin-key-0123456789abcdef";
    public const string TokenKey = "routing-test-token-key-0123456789abcdef";

    public BoilerhouseApp App { get; private set; } = null!;

    /// <summary>An HTTP client carrying the admin key.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public Task InitializeAsync()
    {
        App = BoilerhouseApp.Start(new Dictionary<string, string>
        {
            [$"{Echo}.yaml"] = new WorkloadYaml(Echo)
            {
                MinSize = 2,
                MaxSize = 16,
                Command = EchoServer.Command,
                NetworkMode = null,
                Ports = ["8080", "8081"],
                Volumes = WorkloadYaml.AllVolumes,
                Extension = "routing: { port: 8080 }",
            }.ToString(),
            [$"{Web}.yaml"] = Httpd(Web, "routing: { claim_on_request: true }"),
            [$"{Public}.yaml"] = Httpd(Public, "routing: { public: true, claim_on_request: true }"),
        }, new Dictionary<string, string>
        {
            ["BOILERHOUSE_ADMIN_KEY"] = AdminKey,
            ["BOILERHOUSE_ROUTING_DOMAIN"] = Domain,
            ["BOILERHOUSE_ROUTING_TOKEN_KEY"] = TokenKey,
            ["BOILERHOUSE_AUTH_FAILURES_PER_MINUTE"] = "1000",
        }, kestrel: true);
        Admin = new HttpClient { BaseAddress = App.KestrelAddress, Timeout = TimeSpan.FromSeconds(120) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>Claims the tenant in rt-echo (handing it the echo server) and waits until the server answers through the proxy; answers the access token.</summary>
    public async Task<string> ClaimEchoAsync(string tenant)
    {
        var (response, body) = await Admin.ClaimAsync(tenant, new { poolId = Echo, secrets = new Dictionary<string, string> { [EchoServer.SecretName] = EchoServer.Script } });
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        await WaitUntilAnsweringAsync($"/t/{tenant}/ready");
        return body.Str("accessToken");
    }

    /// <summary>Claims in a pool and answers the claim's body.</summary>
    public async Task<JsonNode> ClaimAsync(string tenant, string pool)
    {
        var (response, body) = await Admin.ClaimAsync(tenant, new { poolId = pool });
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    /// <summary>The container's server starts a moment after the claim: polls (admin key) until it answers 200.</summary>
    public async Task WaitUntilAnsweringAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await Admin.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            await Task.Delay(250);
        }

        Assert.Fail($"{path} never answered 200; last: {last}");
    }

    /// <summary>A client with no credentials, on the same host.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = App.KestrelAddress, Timeout = TimeSpan.FromSeconds(120) };

    private static string Httpd(string id, string extension) => new WorkloadYaml(id)
    {
        MinSize = 1,
        MaxSize = 4,
        Command = WorkloadYaml.WebServer,
        NetworkMode = null,
        Ports = ["8080"],
        // Generous: on a loaded machine a check may take seconds, and an unhealthy container fails the claim.
        HealthCheck = WorkloadYaml.WebHealth + "\ninterval: 1s\ntimeout: 20s\nretries: 10",
        Extension = extension,
    }.ToString();
}

[CollectionDefinition(Name)]
public sealed class RoutingCollection : ICollectionFixture<RoutingFixture>
{
    public const string Name = "routing";
}
