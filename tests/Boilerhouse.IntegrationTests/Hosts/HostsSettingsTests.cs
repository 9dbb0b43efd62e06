using Boilerhouse.Functions.Settings;
using Boilerhouse.Orchestration.Hosts;
using Microsoft.Extensions.Configuration;

namespace Boilerhouse.IntegrationTests.Hosts;

/// <summary>The hosts file: parsed with file, line and field in every error; the local engine when there is none.</summary>
public sealed class HostsSettingsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("boilerhouse-hosts-settings-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Without_a_hosts_file_the_docker_host_engine_is_the_one_host_local()
    {
        var settings = Load(new() { ["DOCKER_HOST"] = "unix:///run/other.sock" });

        var host = Assert.Single(settings.Hosts.Hosts);
        Assert.Equal(HostDefinition.LocalId, host.Id);
        Assert.Equal("unix:///run/other.sock", host.Endpoint.ToString());
        Assert.Equal(HostCapacity.Unlimited, host.Capacity);
        Assert.Equal(3, settings.Hosts.UnhealthyAfter);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Hosts.ProbeTimeout);
    }

    [Fact]
    public void Hosts_file_with_only_comments_means_the_local_engine()
    {
        WriteHostsFile("# hosts:\n#   - id: a\n");

        Assert.Equal(HostDefinition.LocalId, Assert.Single(Load().Hosts.Hosts).Id);
    }

    [Fact]
    public void Hosts_file_gives_endpoints_tls_files_labels_and_capacity()
    {
        var tls = TlsHosts.Load();
        WriteHostsFile($"""
            hosts:
              - id: local
                endpoint: unix:///var/run/docker.sock
                capacity: {"{"} max_containers: 40 {"}"}
              - id: gpu-1
                endpoint: tcp://10.0.0.5:2376
                tls:
                  cert_path: {tls.ClientCertPath}
                labels: {"{"} gpu: true, zone: b {"}"}
                capacity: {"{"} cpus: 7.5, memory: 16G {"}"}
            """);

        var hosts = Load().Hosts.Hosts;

        Assert.Equal(["local", "gpu-1"], hosts.Select(h => h.Id));
        Assert.Equal(new HostCapacity(40, null, null), hosts[0].Capacity);
        var gpu = hosts[1];
        Assert.Equal("tcp://10.0.0.5:2376", gpu.Endpoint.ToString());
        Assert.Equal(tls.ClientCertPath, gpu.Endpoint.TlsCertDirectory);
        Assert.True(gpu.Endpoint.TlsVerify);
        Assert.Equal(new Dictionary<string, string> { ["gpu"] = "true", ["zone"] = "b" }, gpu.Labels);
        Assert.Equal(new HostCapacity(null, 7.5m, 16L * 1024 * 1024 * 1024), gpu.Capacity);
    }

    [Theory]
    [InlineData("hosts:\n  - id: a\n    endpoint: tcp://10.0.0.5:2376\n", "hosts[0].tls", "only over mutual TLS")]
    [InlineData("hosts:\n  - id: a\n    endpoint: ftp://x\n", "hosts[0].endpoint", "not a unix")]
    [InlineData("hosts:\n  - id: Bad Id\n    endpoint: unix:///x.sock\n", "hosts[0].id", "not a valid id")]
    [InlineData("hosts:\n  - id: a\n    endpoint: unix:///x.sock\n    capacity: { cpus: lots }\n", "hosts[0].capacity.cpus", "number of CPUs")]
    [InlineData("hosts:\n  - id: a\n    endpoint: unix:///x.sock\n    labls: {}\n", "hosts[0].labls", "unknown field")]
    [InlineData("hosts:\n  - id: a\n    endpoint: unix:///x.sock\n  - id: a\n    endpoint: unix:///y.sock\n", "hosts[1].id", "listed twice")]
    [InlineData("hosts:\n  - id: a\n    endpoint: tcp://10.0.0.5:2376\n    tls: { cert: /nonexistent/cert.pem, key: /nonexistent/key.pem }\n", "hosts[0].tls", "/nonexistent/cert.pem")]
    [InlineData("hosts: { a: 1 }\n", "hosts", "expected a list of hosts")]
    [InlineData("hosts:\n  - endpoint: unix:///x.sock\n", "hosts[0].id", "required")]
    [InlineData("hosts:\n  - id: a\n    endpoint: unix:///x.sock\n    tls: { cert_path: /x }\n", "hosts[0].tls", "does not use TLS")]
    [InlineData("hosts:\n  - id: a\n    endpoint: unix:///x.sock\n    capacity: { max_containers: -1 }\n", "hosts[0].capacity.max_containers", "whole number")]
    [InlineData("hosts:\n  - id: a\n    endpoint: unix:///x.sock\n    capacity: { memory: lots }\n", "hosts[0].capacity.memory", "512M")]
    [InlineData("hosts:\n  - id: \"a\\n\"\n    endpoint: unix:///x.sock\n", "hosts[0].id", "not a valid id")]
    public void Invalid_hosts_file_stops_start_up_naming_file_line_and_field(string yaml, string field, string message)
    {
        var file = WriteHostsFile(yaml);

        var ex = Assert.Throws<SettingsException>(() => Load());

        Assert.StartsWith(file + " line ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_of_the_hosts_file_is_reported_at_once()
    {
        WriteHostsFile("hosts:\n  - id: Bad\n    endpoint: ftp://x\n");

        var ex = Assert.Throws<SettingsException>(() => Load());

        Assert.Contains("hosts[0].id", ex.Message, StringComparison.Ordinal);
        Assert.Contains("hosts[0].endpoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Named_hosts_file_that_does_not_exist_stops_start_up()
    {
        var ex = Assert.Throws<SettingsException>(() => Load(new() { ["BOILERHOUSE_HOSTS_FILE"] = "nowhere/hosts.yaml" }));

        Assert.Contains("BOILERHOUSE_HOSTS_FILE", ex.Message, StringComparison.Ordinal);
    }

    private string WriteHostsFile(string yaml)
    {
        var file = Path.Combine(Directory.CreateDirectory(Path.Combine(_root, "config")).FullName, "hosts.yaml");
        File.WriteAllText(file, yaml);
        return file;
    }

    private BoilerhouseSettings Load(Dictionary<string, string?>? values = null) =>
        BoilerhouseSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(values ?? []).Build(), _root);
}
