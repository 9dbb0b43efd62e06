using Boilerhouse.Functions.Settings;
using Microsoft.Extensions.Configuration;

namespace Boilerhouse.IntegrationTests.Cluster;

public sealed class ClusterSettingsTests
{
    private const string Postgres = "Host=127.0.0.1;Port=5432;Database=boilerhouse;Username=boilerhouse;Password=s3cret-pw";

    /// <summary>Loads the settings from these values; a key given twice takes its last value.</summary>
    private static BoilerhouseSettings Load(params (string Key, string Value)[] values)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (key, value) in values)
        {
            settings[key] = value;
        }

        return BoilerhouseSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "/srv/boilerhouse");
    }

    [Fact]
    public void Default_is_one_embedded_silo()
    {
        var cluster = Load().Cluster;

        Assert.Equal(ClusterMembership.Localhost, cluster.Membership);
        Assert.False(cluster.IsCluster);
    }

    [Theory]
    [InlineData("redis", "BOILERHOUSE_REDIS", "127.0.0.1:6379,password=s3cret-pw")]
    [InlineData("azuretable", "BOILERHOUSE_AZURE_TABLE", "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=s3cret-pw")]
    public void Cluster_on_sqlite_is_refused_with_a_message_naming_the_database_settings(string clustering, string key, string connectionString)
    {
        var ex = Assert.Throws<SettingsException>(() => Load(("BOILERHOUSE_CLUSTERING", clustering), (key, connectionString)));

        Assert.Contains("BOILERHOUSE_DATABASE=postgres", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("redis", "BOILERHOUSE_REDIS")]
    [InlineData("azuretable", "BOILERHOUSE_AZURE_TABLE")]
    public void Membership_store_without_its_connection_string_is_refused_naming_it(string clustering, string key)
    {
        var ex = Assert.Throws<SettingsException>(() => Load(("BOILERHOUSE_CLUSTERING", clustering), ("BOILERHOUSE_DATABASE", "postgres"), ("BOILERHOUSE_POSTGRES", Postgres)));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BOILERHOUSE_CLUSTERING", "zookeeper")]
    [InlineData("BOILERHOUSE_ADVERTISED_ADDRESS", "0.0.0.0")]
    [InlineData("BOILERHOUSE_ADVERTISED_ADDRESS", "silo-1")]
    [InlineData("BOILERHOUSE_CLUSTER_ID", "Bad Id")]
    [InlineData("BOILERHOUSE_CLUSTER_PROBE_TIMEOUT_SECONDS", "0")]
    public void Invalid_cluster_setting_is_refused_naming_it(string key, string value)
    {
        var ex = Assert.Throws<SettingsException>(() => Load(
            ("BOILERHOUSE_CLUSTERING", "redis"), ("BOILERHOUSE_REDIS", "127.0.0.1:6379"),
            ("BOILERHOUSE_DATABASE", "postgres"), ("BOILERHOUSE_POSTGRES", Postgres), (key, value)));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redis_cluster_on_postgres_is_read_and_never_shows_its_connection_string()
    {
        var cluster = Load(
            ("BOILERHOUSE_CLUSTERING", "redis"), ("BOILERHOUSE_REDIS", "10.0.0.20:6379,password=s3cret-pw"),
            ("BOILERHOUSE_DATABASE", "postgres"), ("BOILERHOUSE_POSTGRES", Postgres),
            ("BOILERHOUSE_CLUSTER_ID", "prod"), ("BOILERHOUSE_ADVERTISED_ADDRESS", "10.0.0.11")).Cluster;

        Assert.Equal(ClusterMembership.Redis, cluster.Membership);
        Assert.Equal("prod", cluster.ClusterId);
        Assert.Equal("10.0.0.11", cluster.AdvertisedAddress!.ToString());
        Assert.Equal(TimeSpan.FromSeconds(2), cluster.ProbeTimeout);
        Assert.DoesNotContain("s3cret-pw", cluster.ToString(), StringComparison.Ordinal);
    }
}
