using Boilerhouse.Functions.Settings;
using Microsoft.Extensions.Configuration;

namespace Boilerhouse.IntegrationTests.ActivityLog;

public sealed class ActivitySettingsTests
{
    [Fact]
    public void Default_retention_is_7_days()
    {
        var options = ActivitySettings.Load(new ConfigurationBuilder().Build());

        Assert.Equal(TimeSpan.FromDays(7), options.Retention);
    }

    [Fact]
    public void Retention_setting_is_read_in_days()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ActivitySettings.RetentionKey] = "30" }).Build();

        Assert.Equal(TimeSpan.FromDays(30), ActivitySettings.Load(configuration).Retention);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3651")]
    [InlineData("week")]
    public void Invalid_retention_stops_start_up_with_a_message_naming_it(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ActivitySettings.RetentionKey] = value }).Build();

        var ex = Assert.Throws<SettingsException>(() => ActivitySettings.Load(configuration));

        Assert.Contains(ActivitySettings.RetentionKey, ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }
}
