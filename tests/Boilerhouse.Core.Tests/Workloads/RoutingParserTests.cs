using Boilerhouse.Core.Workloads;
using static Boilerhouse.Core.Tests.Workloads.WorkloadYaml;

namespace Boilerhouse.Core.Tests.Workloads;

public class RoutingParserTests
{
    [Fact]
    public void Parse_without_routing_routes_the_only_port_privately_and_never_claims()
    {
        Assert.Equal(RoutingSpec.Default, Valid(Minimal).Routing);
    }

    [Fact]
    public void Parse_routing_reads_port_public_and_claim_on_request()
    {
        var spec = Valid("""
            x-boilerhouse:
              id: app
              routing: { port: 8081, public: true, claim_on_request: true }
            image: example/app:1
            ports: ["8080", "8081"]
            """);

        Assert.Equal(new RoutingSpec(8081, true, true), spec.Routing);
    }

    [Theory]
    [InlineData("routing: { port: 9090 }", "x-boilerhouse.routing.port", "not one of the published tcp ports (8080)")]
    [InlineData("routing: { port: 0 }", "x-boilerhouse.routing.port", "")]
    [InlineData("routing: { public: maybe }", "x-boilerhouse.routing.public", "")]
    [InlineData("routing: { claim: true }", "x-boilerhouse.routing.claim", "unknown field")]
    public void Parse_invalid_routing_names_the_field(string routing, string field, string message)
    {
        var error = SingleError($"""
            x-boilerhouse:
              id: app
              {routing}
            image: example/app:1
            ports: ["8080"]
            """);

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Parse_routing_port_without_published_ports_says_to_publish_it()
    {
        var error = SingleError("""
            x-boilerhouse:
              id: app
              routing: { port: 8080 }
            image: example/app:1
            """);

        Assert.Contains("is not published", error.Message);
    }
}
