using Boilerhouse.Functions.Settings;

namespace Boilerhouse.Functions.Telemetry;

/// <summary>
/// Where traces go: by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the exporter reads it and the
/// other OTEL_EXPORTER_OTLP_* variables itself) or BOILERHOUSE_OTLP_ENDPOINT (used as it is: for
/// http/protobuf the full URL, ending /v1/traces); neither set, nothing is exported.
/// </summary>
public sealed record TelemetrySettings(bool ExportTraces, Uri? OtlpEndpoint, string ServiceName)
{
    public const string OtlpEndpointSetting = "BOILERHOUSE_OTLP_ENDPOINT";
    public const string StandardOtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static TelemetrySettings Load(IConfiguration configuration)
    {
        var reader = new SettingsReader(configuration);
        var own = Endpoint(reader, OtlpEndpointSetting);
        var standard = Endpoint(reader, StandardOtlpEndpointSetting);
        return new TelemetrySettings(own is not null || standard is not null, own, reader.String("OTEL_SERVICE_NAME", "boilerhouse"));
    }

    private static Uri? Endpoint(SettingsReader reader, string key)
    {
        var raw = reader.String(key, "");
        if (raw.Length == 0)
        {
            return null;
        }

        return Uri.TryCreate(raw, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"
            ? endpoint
            : throw new SettingsException($"{key} '{raw}' is not an http:// or https:// URL of an OTLP collector (e.g. 'http://localhost:4317').");
    }
}
