using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;
using static Boilerhouse.Core.Tests.Workloads.WorkloadYaml;

namespace Boilerhouse.Core.Tests.Workloads;

public class NetworkParserTests
{
    private static string WithNetwork(string network, string extra = "") => $"""
        x-boilerhouse:
          id: app
          network:
            {network}
        image: example/app:1
        {extra}
        """;

    [Fact]
    public void Egress_is_denied_by_default_when_no_port_is_published()
    {
        var spec = Valid(Minimal);

        Assert.Equal(Egress.Deny, spec.Network.Egress);
        Assert.Empty(spec.Network.Dns);
    }

    [Fact]
    public void Egress_is_allowed_by_default_when_a_port_is_published()
    {
        Assert.Equal(Egress.Allow, Valid(With("ports: [\"8080\"]")).Network.Egress);
    }

    [Theory]
    [InlineData("allow", Egress.Allow)]
    [InlineData("deny", Egress.Deny)]
    public void Egress_is_read_from_x_boilerhouse_network(string value, Egress expected)
    {
        Assert.Equal(expected, Valid(WithNetwork($"egress: {value}")).Network.Egress);
    }

    [Fact]
    public void Unknown_egress_names_the_field()
    {
        var error = SingleError(WithNetwork("egress: sometimes"));

        Assert.Equal("x-boilerhouse.network.egress", error.Field);
        Assert.Contains("allow or deny", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Denied_egress_with_published_ports_is_refused()
    {
        var error = SingleError(WithNetwork("egress: deny", "ports: [\"8080\"]"));

        Assert.Equal("x-boilerhouse.network.egress", error.Field);
        Assert.Contains("published ports", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Egress_with_another_network_mode_is_refused()
    {
        var error = SingleError(WithNetwork("egress: allow", "network_mode: none"));

        Assert.Equal("x-boilerhouse.network.egress", error.Field);
        Assert.Contains("network_mode: none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_network_field_is_refused()
    {
        Assert.Equal("x-boilerhouse.network.mode", SingleError(WithNetwork("mode: open")).Field);
    }

    [Fact]
    public void Dns_accepts_one_address_or_a_list()
    {
        Assert.Equal(["10.0.0.2"], Valid(With("dns: 10.0.0.2")).Network.Dns);
        Assert.Equal(["10.0.0.2", "fd00::53"], Valid(With("dns: [10.0.0.2, \"fd00::53\"]")).Network.Dns);
    }

    [Fact]
    public void Dns_that_is_not_an_address_names_the_item()
    {
        var error = SingleError(With("dns: [10.0.0.2, resolver.example]"));

        Assert.Equal("dns[1]", error.Field);
        Assert.Contains("resolver.example", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pool_network_names_follow_the_instance_pool_and_egress()
    {
        var network = PoolNetwork.For("prod", "web", Egress.Deny, "local");

        Assert.Equal("boilerhouse-prod-Pool-web-Egress-deny", network.Name);
        Assert.Matches("^bhp-[0-9a-f]{10}\\z", network.BridgeName);
        Assert.True(network.Internal);
        Assert.NotEqual(network.BridgeName, PoolNetwork.For("prod", "web", Egress.Allow, "local").BridgeName);
        Assert.Equal("true", network.Labels[ContainerLabels.Managed]);
        Assert.Equal("web", network.Labels[ContainerLabels.Pool]);
    }

    [Fact]
    public void Pool_network_has_one_name_on_every_host_and_a_bridge_of_its_own_on_each()
    {
        var local = PoolNetwork.For("prod", "web", Egress.Deny, "local");
        var remote = PoolNetwork.For("prod", "web", Egress.Deny, "tls-1");

        Assert.Equal(local.Name, remote.Name);
        Assert.NotEqual(local.BridgeName, remote.BridgeName); // two engines on one machine share its interfaces
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("bridge", true)]
    [InlineData("none", false)]
    [InlineData("mynet", false)]
    public void Only_the_bridge_network_mode_gets_a_pool_network(string? mode, bool pooled)
    {
        var spec = Valid(mode is null ? Minimal : With($"network_mode: {mode}"));

        Assert.Equal(pooled, PoolNetwork.ForWorkload(spec, "prod", "local") is not null);
    }
}
