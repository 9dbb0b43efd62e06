using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads.Parsing;
using Boilerhouse.Docker;
using Boilerhouse.Functions.Settings;
using Boilerhouse.Testing;

namespace Boilerhouse.IntegrationTests.Routing;

/// <summary>advertise_address in the hosts file, and where containers publish their ports because of it.</summary>
public sealed class AdvertiseAddressSettingsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("boilerhouse-advertise-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_host_may_advertise_the_address_where_its_published_ports_are_reached()
    {
        var hosts = HostsFile.Read(Write("""
            hosts:
              - id: near
                endpoint: unix:///var/run/docker.sock
              - id: far
                endpoint: unix:///run/far.sock
                advertise_address: 10.213.30.2
              - id: six
                endpoint: unix:///run/six.sock
                advertise_address: "fd00::2"
            """));

        Assert.Equal([null, "10.213.30.2", "fd00::2"], hosts.Select(h => h.Endpoint.AdvertiseAddress));
    }

    [Theory]
    [InlineData("engine3.example.com")]
    [InlineData("0.0.0.0")]
    [InlineData("10.0.0.0/8")]
    [InlineData("::")]
    public void An_advertise_address_that_is_no_usable_ip_stops_start_up_naming_the_field(string address)
    {
        var file = Write($"hosts:\n  - id: far\n    endpoint: unix:///run/far.sock\n    advertise_address: \"{address}\"\n");

        var error = Assert.Throws<SettingsException>(() => HostsFile.Read(file));

        Assert.Contains($"{file} line 4, hosts[0].advertise_address:", error.Message);
        Assert.Contains("not a usable IP address", error.Message);
    }

    [Fact]
    public void Loopback_ports_are_published_on_the_advertised_address_and_others_stay()
    {
        var parsed = WorkloadParser.Parse(new WorkloadYaml("adv") { NetworkMode = null, Ports = ["8080", "0.0.0.0::9090", "10.1.2.3::7070"] }.ToString(), "adv.yaml");
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        var workload = parsed.Spec;
        var request = new ContainerRequest("c-adv", workload, new Dictionary<string, string>());

        var advertised = ContainerSpecMapper.ToCreateParameters(request, [], "10.213.30.2").HostConfig.PortBindings;
        var plain = ContainerSpecMapper.ToCreateParameters(request, []).HostConfig.PortBindings;

        Assert.Equal("10.213.30.2", Assert.Single(advertised["8080/tcp"]).HostIP);
        Assert.Equal("0.0.0.0", Assert.Single(advertised["9090/tcp"]).HostIP);
        Assert.Equal("10.1.2.3", Assert.Single(advertised["7070/tcp"]).HostIP);
        Assert.Equal("127.0.0.1", Assert.Single(plain["8080/tcp"]).HostIP);
    }

    private string Write(string yaml)
    {
        var file = Path.Combine(_root, "hosts.yaml");
        File.WriteAllText(file, yaml);
        return file;
    }
}
