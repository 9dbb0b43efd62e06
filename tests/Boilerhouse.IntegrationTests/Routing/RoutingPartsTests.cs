using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Functions.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Boilerhouse.IntegrationTests.Routing;

/// <summary>The routing parts without a host: addresses, destinations, tokens and activity coalescing.</summary>
public sealed class RoutingPartsTests
{
    private static readonly RoutingSettings Settings = new(null, "0123456789abcdef0123456789abcdef"u8.ToArray(), false, TimeSpan.FromMinutes(60));

    [Theory]
    [InlineData("/t/alice/a/b", "alice", null, "/t/alice", "/a/b")]
    [InlineData("/t/alice", "alice", null, "/t/alice", "/")]
    [InlineData("/t/alice:8081/x", "alice", 8081, "/t/alice:8081", "/x")]
    [InlineData("/t/a.b-c/", "a.b-c", null, "/t/a.b-c", "/")]
    public void Path_names_tenant_port_and_forwarded_path(string path, string tenant, int? port, string prefix, string rest)
    {
        var request = new DefaultHttpContext().Request;
        request.Path = path;

        Assert.True(TenantAddress.TryRead(request, "apps.test", out var address, out var error));
        Assert.Null(error);
        Assert.Equal(new TenantAddress(tenant, port, prefix, rest), address);
    }

    [Fact]
    public void Host_under_the_routing_domain_names_the_tenant_and_keeps_the_whole_path()
    {
        var request = new DefaultHttpContext().Request;
        request.Host = new HostString("Alice.Apps.Test", 8080);
        request.Path = "/api/v1/health";

        Assert.True(TenantAddress.TryRead(request, "apps.test", out var address, out _));
        Assert.Equal(new TenantAddress("alice", null, "", "/api/v1/health"), address);
    }

    [Theory]
    [InlineData("/api/v1/health")]
    [InlineData("/tenants/x")]
    [InlineData("/t")]
    public void Other_paths_are_not_tenant_traffic(string path)
    {
        var request = new DefaultHttpContext().Request;
        request.Path = path;

        Assert.False(TenantAddress.TryRead(request, "apps.test", out _, out _));
    }

    [Theory]
    [InlineData("/t/Alice/")]
    [InlineData("/t/alice:0/")]
    [InlineData("/t/alice:http/")]
    [InlineData("/t//x")]
    public void Bad_tenant_ids_and_ports_are_errors(string path)
    {
        var request = new DefaultHttpContext().Request;
        request.Path = path;

        Assert.True(TenantAddress.TryRead(request, null, out var address, out var error));
        Assert.Null(address);
        Assert.NotNull(error);
    }

    [Fact]
    public void Destination_is_the_routing_port_else_the_only_port_on_its_published_address()
    {
        var endpoints = new ContainerEndpoints("172.17.0.5",
        [
            new PublishedPort(8080, "tcp", "127.0.0.1", 32768),
            new PublishedPort(8081, "tcp", "10.213.30.2", 32769),
            new PublishedPort(9000, "udp", "0.0.0.0", 32770),
        ]);
        var route = new TenantRoute("t", "p", "c", endpoints, new RoutingSpec(8080, false, false), DateTimeOffset.UtcNow);
        var unnamed = route with { Routing = RoutingSpec.Default };
        var single = unnamed with { Endpoints = new ContainerEndpoints(null, [new PublishedPort(80, "tcp", "0.0.0.0", 40000), new PublishedPort(80, "tcp", "::", 40000)]) };

        Assert.Equal("http://127.0.0.1:32768", route.DestinationFor(null, out _));
        Assert.Equal("http://10.213.30.2:32769", route.DestinationFor(8081, out _));
        Assert.Null(route.DestinationFor(9000, out var udp));
        Assert.Contains("does not publish port 9000", udp);
        Assert.Null(unnamed.DestinationFor(null, out var several));
        Assert.Contains("several ports", several);
        Assert.Equal("http://127.0.0.1:40000", single.DestinationFor(null, out _));
    }

    [Fact]
    public void Token_is_valid_for_its_tenant_only_and_not_when_changed()
    {
        var tokens = new RoutingTokens(Settings, TimeProvider.System);
        var token = tokens.Issue("alice").Token;
        var otherKey = new RoutingTokens(Settings with { TokenKey = "another-key-another-key-another-key"u8.ToArray() }, TimeProvider.System);

        Assert.StartsWith("bht_alice.", token);
        Assert.True(tokens.IsValidFor(token, "alice"));
        Assert.False(tokens.IsValidFor(token, "bob"));
        Assert.False(tokens.IsValidFor(token.Replace("bht_alice.", "bht_bob.", StringComparison.Ordinal), "bob"));
        Assert.False(tokens.IsValidFor(token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1], "alice"));
        Assert.False(otherKey.IsValidFor(token, "alice"));
        Assert.False(tokens.IsValidFor("bht_alice.9999999999.", "alice"));
        Assert.False(tokens.IsValidFor(null, "alice"));
    }

    [Fact]
    public async Task Many_requests_of_a_tenant_make_one_touch_per_flush()
    {
        var touched = new List<string>();
        var activity = new TenantActivity(t => { lock (touched) { touched.Add(t); } return Task.CompletedTask; }, NullLogger<TenantActivity>.Instance);

        for (var i = 0; i < 100; i++)
        {
            activity.Record("alice");
            activity.Record(i % 2 == 0 ? "bob" : "alice");
        }

        await activity.FlushAsync();
        var first = touched.Order().ToList();
        await activity.FlushAsync();

        Assert.Equal(["alice", "bob"], first);
        Assert.Equal(2, touched.Count);
        Assert.Equal(0, activity.Pending);
    }
}
