using Boilerhouse.Functions.Settings;
using Microsoft.Extensions.Configuration;

namespace Boilerhouse.IntegrationTests.Resources;

public sealed class ResourceSettingsTests
{
    [Fact]
    public void Defaults_sample_every_10_seconds_and_keep_an_hour()
    {
        var settings = ResourceSettings.Load(new ConfigurationBuilder().Build());

        Assert.Equal(TimeSpan.FromSeconds(10), settings.SampleInterval);
        Assert.Equal(TimeSpan.FromHours(1), settings.History);
        Assert.Equal(64, settings.MaxConcurrentReads);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.FullResolution);
    }

    [Theory]
    [InlineData("BOILERHOUSE_STATS_INTERVAL_SECONDS", "0")]
    [InlineData("BOILERHOUSE_STATS_INTERVAL_SECONDS", "often")]
    [InlineData("BOILERHOUSE_STATS_HISTORY_MINUTES", "1441")]
    [InlineData("BOILERHOUSE_STATS_CONCURRENCY", "0")]
    [InlineData("BOILERHOUSE_STATS_FULL_RESOLUTION_MINUTES", "0")]
    public void Invalid_setting_stops_start_up_with_a_message_naming_it(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var ex = Assert.Throws<SettingsException>(() => ResourceSettings.Load(configuration));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void History_shorter_than_one_interval_is_refused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BOILERHOUSE_STATS_INTERVAL_SECONDS"] = "600",
            ["BOILERHOUSE_STATS_HISTORY_MINUTES"] = "5",
        }).Build();

        var ex = Assert.Throws<SettingsException>(() => ResourceSettings.Load(configuration));

        Assert.Contains("BOILERHOUSE_STATS_HISTORY_MINUTES", ex.Message, StringComparison.Ordinal);
    }
}
