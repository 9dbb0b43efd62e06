using Boilerhouse.Core.Workloads;
using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Core.Tests.Workloads;

public class PortSyntaxTests
{
    [Theory]
    [InlineData("8080", 8080, "tcp", "127.0.0.1", null)]
    [InlineData("8080/udp", 8080, "udp", "127.0.0.1", null)]
    [InlineData("8080/UDP", 8080, "udp", "127.0.0.1", null)]
    [InlineData("9000:8080", 8080, "tcp", "127.0.0.1", 9000)]
    [InlineData("127.0.0.1::8080", 8080, "tcp", "127.0.0.1", null)]
    [InlineData("127.0.0.1:9000:8080", 8080, "tcp", "127.0.0.1", 9000)]
    [InlineData("0.0.0.0::8080/udp", 8080, "udp", "0.0.0.0", null)]
    [InlineData("[::1]:9000:8080", 8080, "tcp", "::1", 9000)]
    [InlineData("[::]::53/udp", 53, "udp", "::", null)]
    public void TryParseShort_reads_compose_short_syntax(string text, int container, string protocol, string hostIp, int? hostPort)
    {
        Assert.True(PortParser.TryParseShort(text, out var port, out var error), error);
        Assert.Equal(new PortSpec(container, protocol, hostIp, hostPort), port);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("http")]
    [InlineData("1:2:3:4")]
    [InlineData("[::1:80")]
    [InlineData("80/icmp")]
    [InlineData("8000-8001")]
    [InlineData("1.2.3.4.5::80")]
    public void TryParseShort_rejects_malformed_ports(string text)
    {
        Assert.False(PortParser.TryParseShort(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Parse_long_syntax_published_port_and_defaults()
    {
        var spec = WorkloadYaml.Valid("""
            x-boilerhouse: {id: app, pool: {max_size: 1}}
            image: a
            ports:
              - {target: 80, published: "8080"}
              - {target: 81, host_ip: "::1"}
            """);

        Assert.Equal([new PortSpec(80, "tcp", "127.0.0.1", 8080), new PortSpec(81, "tcp", "::1", null)], spec.Ports);
    }

    [Fact]
    public void Parse_same_container_port_twice_is_an_error()
    {
        var error = WorkloadYaml.SingleError(WorkloadYaml.With("ports: [\"80\", \"80/tcp\"]"));

        Assert.Equal(("ports[1]", "container port 80/tcp is already published by ports[0]"), (error.Field, error.Message));
    }
}
