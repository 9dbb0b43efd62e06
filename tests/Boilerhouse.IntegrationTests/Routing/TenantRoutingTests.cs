using System.Net;
using System.Net.WebSockets;
using System.Text;
using Boilerhouse.Core.Containers;
using Boilerhouse.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Routing;

/// <summary>Tenant traffic through Boilerhouse to the real container: paths, ports, hosts, WebSockets, streams, claims and activity.</summary>
[Collection(RoutingCollection.Name)]
public sealed class TenantRoutingTests(RoutingFixture fixture)
{
    private readonly HttpClient _admin = fixture.Admin;

    [Fact]
    public async Task Path_routing_forwards_method_path_query_and_body_to_the_routing_port()
    {
        await fixture.ClaimEchoAsync("rt-path");

        var get = await _admin.GetStringAsync("/t/rt-path/a/b?x=1&y=two");
        using var post = await _admin.PostAsync("/t/rt-path/submit", new StringContent("hello-body"));
        var posted = await post.Content.ReadAsStringAsync();

        Assert.Contains("port=8080 method=GET target=/a/b?x=1&y=two prefix=/t/rt-path", get);
        // The admin key let the request in; it never reaches the tenant's container.
        Assert.Contains("auth=absent", get);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("method=POST target=/submit", posted);
        Assert.Contains("body=hello-body", posted);
    }

    [Fact]
    public async Task Another_port_is_reached_by_path_or_header_and_an_unpublished_one_is_404()
    {
        await fixture.ClaimEchoAsync("rt-port");

        var byPath = await _admin.GetStringAsync("/t/rt-port:8081/x");
        using var byHeader = new HttpRequestMessage(HttpMethod.Get, "/t/rt-port/y") { Headers = { { "X-Boilerhouse-Port", "8081" } } };
        var headerAnswer = await (await _admin.SendAsync(byHeader)).Content.ReadAsStringAsync();
        var (missing, problem) = await _admin.SendJsonAsync(HttpMethod.Get, "/t/rt-port:9999/");

        Assert.Contains("port=8081 method=GET target=/x prefix=/t/rt-port:8081", byPath);
        Assert.Contains("port=8081 method=GET target=/y", headerAnswer);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("ROUTE_NOT_FOUND", problem.Str("code"));
    }

    [Fact]
    public async Task Host_routing_sends_every_path_of_the_tenant_host_to_its_container()
    {
        await fixture.ClaimEchoAsync("rt-host");

        // Even an API path: on a tenant's host everything is the tenant's.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/health?z=1");
        request.Headers.Host = $"rt-host.{RoutingFixture.Domain}";
        using var response = await _admin.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("port=8080 method=GET target=/api/v1/health?z=1 prefix=none", body);
        Assert.Contains($"host=rt-host.{RoutingFixture.Domain}", body);
    }

    [Fact]
    public async Task WebSocket_messages_pass_through_both_ways()
    {
        var token = await fixture.ClaimEchoAsync("rt-ws");
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Boilerhouse-Token", token);
        var address = new UriBuilder(fixture.App.KestrelAddress!) { Scheme = "ws", Path = "/t/rt-ws/socket" }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        await socket.ConnectAsync(address, timeout.Token);
        var answers = new List<string>();
        foreach (var message in new[] { "hello through boilerhouse", "second message" })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, timeout.Token);
            answers.Add(await ReceiveTextAsync(socket, timeout.Token));
        }

        Assert.Equal(["hello through boilerhouse", "second message"], answers);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }

    [Fact]
    public async Task Streamed_response_reaches_the_client_before_the_container_finishes_it()
    {
        await fixture.ClaimEchoAsync("rt-stream");
        var containerId = (await _admin.GetJsonAsync("/api/v1/tenants/rt-stream/status")).Str("containerId");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        using var response = await _admin.GetAsync("/t/rt-stream/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        // The container holds the rest back until told: "first" can only arrive if nothing buffers the whole body.
        var first = await reader.ReadLineAsync(timeout.Token);
        await fixture.App.Services.GetRequiredService<IContainerRuntime>().ExecOkAsync(containerId, "touch /tmp/go-stream");
        var second = await reader.ReadLineAsync(timeout.Token);

        Assert.Equal("first", first);
        Assert.Equal("second", second);
    }

    [Fact]
    public async Task Unclaimed_tenant_answers_404_tenant_not_found()
    {
        // Two workloads claim on request, so a request that names no pool claims nothing.
        var (response, problem) = await _admin.SendJsonAsync(HttpMethod.Get, "/t/rt-nobody/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("TENANT_NOT_FOUND", problem.Str("code"));
        Assert.Equal("unclaimed", (await _admin.GetJsonAsync("/api/v1/tenants/rt-nobody/status")).Str("status"));
    }

    [Fact]
    public async Task First_request_claims_when_the_workload_claims_on_request()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/t/rt-first/index.html") { Headers = { { "X-Boilerhouse-Pool", RoutingFixture.Web } } };

        using var response = await _admin.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = await _admin.GetJsonAsync("/api/v1/tenants/rt-first/status");

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains("boilerhouse ok", body);
        Assert.Equal("claimed", status.Str("status"));
        Assert.Equal(RoutingFixture.Web, status.Str("poolId"));
    }

    [Fact]
    public async Task Proxied_requests_count_as_activity_and_restart_the_idle_timer()
    {
        await fixture.ClaimAsync("rt-active", RoutingFixture.Web);
        await fixture.WaitUntilAnsweringAsync("/t/rt-active/");
        var before = LastActivity(await _admin.GetJsonAsync("/api/v1/tenants/rt-active/status"));

        // Many requests, one write: the activity is recorded at most once a second per tenant.
        DateTimeOffset? after = null;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !(after > before))
        {
            for (var i = 0; i < 5; i++)
            {
                using var response = await _admin.GetAsync("/t/rt-active/");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            await Task.Delay(500);
            after = LastActivity(await _admin.GetJsonAsync("/api/v1/tenants/rt-active/status"));
        }

        Assert.True(after > before, $"lastActivityAt stayed {after} (before the requests: {before})");
    }

    private static DateTimeOffset? LastActivity(System.Text.Json.Nodes.JsonNode status) =>
        status["lastActivityAt"] is { } value ? value.GetValue<DateTimeOffset>() : status["claimedAt"]!.GetValue<DateTimeOffset>();

    private static async Task<string> ReceiveTextAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(message.ToArray());
    }
}
