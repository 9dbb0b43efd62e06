using Boilerhouse.Functions.Settings;
using Microsoft.Extensions.Configuration;

namespace Boilerhouse.IntegrationTests.Api;

/// <summary>DOCKER_HOST engines reached in plaintext or without verifying their certificate stop start-up unless allowed in writing.</summary>
public sealed class InsecureDockerSettingsTests : IDisposable
{
    private const string Allow = "BOILERHOUSE_ALLOW_INSECURE_DOCKER";

    private readonly string root = Directory.CreateTempSubdirectory("boilerhouse-insecure-docker-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Plaintext_tcp_docker_host_stops_start_up_saying_why_and_what_to_do()
    {
        var ex = Assert.Throws<SettingsException>(() => Load(new() { ["DOCKER_HOST"] = "tcp://10.0.0.5:2375" }));

        Assert.StartsWith("DOCKER_HOST tcp://10.0.0.5:2375 is refused: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("plaintext", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Set DOCKER_CERT_PATH", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"or set {Allow}=true to accept the risk.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unverified_tls_docker_host_stops_start_up_saying_why_and_what_to_do()
    {
        var ex = Assert.Throws<SettingsException>(() => Load(new()
        {
            ["DOCKER_HOST"] = "tcp://10.0.0.5:2376",
            ["DOCKER_CERT_PATH"] = "/etc/docker-client",
            ["DOCKER_TLS_VERIFY"] = "0",
        }));

        Assert.StartsWith("DOCKER_HOST tcp://10.0.0.5:2376 is refused: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("would not be verified", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Remove DOCKER_TLS_VERIFY=0", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"{Allow}=true", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tcp://10.0.0.5:2375", null, null)]
    [InlineData("tcp://10.0.0.5:2376", "/etc/docker-client", "0")]
    public void Insecure_docker_host_is_used_when_allowed_in_writing(string host, string? certPath, string? verify)
    {
        var settings = Load(new() { ["DOCKER_HOST"] = host, ["DOCKER_CERT_PATH"] = certPath, ["DOCKER_TLS_VERIFY"] = verify, [Allow] = "true" });

        var endpoint = Assert.Single(settings.Hosts.Hosts).Endpoint;
        Assert.Equal(host, endpoint.ToString());
        Assert.NotNull(endpoint.Insecurity);
    }

    [Theory]
    [InlineData("unix:///run/other.sock", null, null)]
    [InlineData("unix:///run/other.sock", null, "0")]
    [InlineData("tcp://10.0.0.5:2376", "/etc/docker-client", null)]
    public void Local_socket_or_verified_tls_needs_no_permission(string host, string? certPath, string? verify)
    {
        var settings = Load(new() { ["DOCKER_HOST"] = host, ["DOCKER_CERT_PATH"] = certPath, ["DOCKER_TLS_VERIFY"] = verify });

        Assert.Equal(host, Assert.Single(settings.Hosts.Hosts).Endpoint.ToString());
    }

    [Fact]
    public void Insecure_docker_host_is_ignored_when_the_hosts_file_lists_the_hosts()
    {
        Directory.CreateDirectory(Path.Combine(root, "config"));
        File.WriteAllText(Path.Combine(root, HostsSettings.DefaultFile), "hosts:\n  - id: socket\n    endpoint: unix:///var/run/docker.sock\n");

        var settings = Load(new() { ["DOCKER_HOST"] = "tcp://10.0.0.5:2375" });

        Assert.Equal("socket", Assert.Single(settings.Hosts.Hosts).Id);
    }

    [Fact]
    public void Allow_setting_that_is_not_a_boolean_stops_start_up_naming_it()
    {
        var ex = Assert.Throws<SettingsException>(() => Load(new() { [Allow] = "sometimes" }));

        Assert.Contains(Allow, ex.Message, StringComparison.Ordinal);
        Assert.Contains("sometimes", ex.Message, StringComparison.Ordinal);
    }

    private BoilerhouseSettings Load(Dictionary<string, string?> values) =>
        BoilerhouseSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), root);
}
