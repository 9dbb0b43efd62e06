using Boilerhouse.Functions.Settings;
using Boilerhouse.Functions.Telemetry;
using Microsoft.Extensions.Configuration;

namespace Boilerhouse.IntegrationTests.Telemetry;

public sealed class TelemetrySettingsTests
{
    [Fact]
    public void Without_an_otlp_endpoint_traces_are_not_exported()
    {
        var settings = TelemetrySettings.Load(Configuration([]));

        Assert.False(settings.ExportTraces);
        Assert.Null(settings.OtlpEndpoint);
        Assert.Equal("boilerhouse", settings.ServiceName);
    }

    [Fact]
    public void The_standard_variable_turns_export_on_and_leaves_the_url_to_the_exporter()
    {
        var settings = TelemetrySettings.Load(Configuration(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4318", ["OTEL_SERVICE_NAME"] = "bh-eu" }));

        Assert.True(settings.ExportTraces);
        Assert.Null(settings.OtlpEndpoint);
        Assert.Equal("bh-eu", settings.ServiceName);
    }

    [Fact]
    public void Boilerhouse_otlp_endpoint_is_used_as_it_is()
    {
        var settings = TelemetrySettings.Load(Configuration(new() { ["BOILERHOUSE_OTLP_ENDPOINT"] = "http://127.0.0.1:4318/v1/traces" }));

        Assert.True(settings.ExportTraces);
        Assert.Equal(new Uri("http://127.0.0.1:4318/v1/traces"), settings.OtlpEndpoint);
    }

    [Theory]
    [InlineData("BOILERHOUSE_OTLP_ENDPOINT", "collector:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "ftp://collector")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "not a url")]
    public void A_bad_endpoint_stops_start_up_naming_the_setting(string key, string value)
    {
        var ex = Assert.Throws<SettingsException>(() => TelemetrySettings.Load(Configuration(new() { [key] = value })));

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
