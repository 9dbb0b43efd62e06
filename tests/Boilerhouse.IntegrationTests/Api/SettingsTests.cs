using Boilerhouse.Functions.Settings;
using Microsoft.Extensions.Configuration;

namespace Boilerhouse.IntegrationTests.Api;

public sealed class SettingsTests
{
    [Theory]
    [InlineData("BOILERHOUSE_SILO_PORT", "not-a-port")]
    [InlineData("BOILERHOUSE_MAX_PARALLEL_CREATES", "0")]
    [InlineData("DOCKER_HOST", "ftp://example")]
    [InlineData("DOCKER_TLS_VERIFY", "maybe")]
    [InlineData("BOILERHOUSE_INSTANCE_ID", "Bad Id")]
    [InlineData("BOILERHOUSE_DIRECT_VOLUME_WRITES", "sometimes")]
    public void Invalid_setting_stops_start_up_with_a_message_naming_it(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var ex = Assert.Throws<SettingsException>(() => BoilerhouseSettings.Load(configuration, "/srv/boilerhouse"));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_the_embedded_single_host_setup()
    {
        var settings = BoilerhouseSettings.Load(new ConfigurationBuilder().Build(), "/srv/boilerhouse");

        Assert.Equal("http://127.0.0.1:7071", settings.Urls);
        Assert.Equal("/srv/boilerhouse/.data", settings.DataDirectory);
        Assert.Equal("/srv/boilerhouse/config/workloads", settings.WorkloadsDirectory);
        Assert.Equal(new Uri("unix:///var/run/docker.sock"), settings.DockerHost);
        Assert.True(Assert.Single(settings.Hosts.Hosts).Endpoint.DirectVolumeWrites);
    }

    [Fact]
    public void Direct_volume_writes_can_be_turned_off_for_every_host()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["BOILERHOUSE_DIRECT_VOLUME_WRITES"] = "false" }).Build();

        var settings = BoilerhouseSettings.Load(configuration, "/srv/boilerhouse");

        Assert.False(Assert.Single(settings.Hosts.Hosts).Endpoint.DirectVolumeWrites);
    }

    [Fact]
    public void Local_settings_values_are_read_and_environment_wins()
    {
        var root = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(root, "local.settings.json"),
            """{ "IsEncrypted": false, "Values": { "BOILERHOUSE_URLS": "http://127.0.0.1:9999", "BOILERHOUSE_MAX_PARALLEL_CREATES": "3" } }""");
        Environment.SetEnvironmentVariable("BOILERHOUSE_MAX_PARALLEL_CREATES", "5");
        try
        {
            var configuration = new ConfigurationManager();
            configuration.AddBoilerhouseSources(root);

            var settings = BoilerhouseSettings.Load(configuration, root);

            Assert.Equal("http://127.0.0.1:9999", settings.Urls);
            Assert.Equal(5, settings.MaxParallelCreates);
        }
        finally
        {
            Environment.SetEnvironmentVariable("BOILERHOUSE_MAX_PARALLEL_CREATES", null);
        }
    }

    [Theory]
    [InlineData("timers:healthCheck", "every ten seconds", "timers.healthCheck")]
    [InlineData("orchestration:maxAttempts", "0", "orchestration.maxAttempts")]
    [InlineData("orchestration:activityTimeout", "soon", "orchestration")]
    public void Invalid_host_json_setting_stops_start_up_with_a_message_naming_it(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var ex = Assert.Throws<SettingsException>(() =>
        {
            HostJson.ReadTimers(configuration);
            HostJson.ReadOrchestration(configuration);
        });

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }
}
