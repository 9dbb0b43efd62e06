using Boilerhouse.Functions.Settings;
using Boilerhouse.Orchestration.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Boilerhouse.Functions.Telemetry;

public static class TelemetryServices
{
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Metrics (Boilerhouse's own, ASP.NET Core's HTTP server and the .NET runtime's) for the Prometheus
    /// endpoint, and traces (Boilerhouse's spans under the HTTP request that caused them), exported
    /// by OTLP when an endpoint is configured.
    /// </summary>
    public static WebApplicationBuilder AddBoilerhouseTelemetry(this WebApplicationBuilder builder, TelemetrySettings telemetry, BoilerhouseSettings settings)
    {
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(telemetry.ServiceName, serviceInstanceId: settings.InstanceId))
            .WithMetrics(metrics => metrics
                .AddMeter(BoilerhouseMetrics.MeterName, Boilerhouse.Orchestration.Resources.ResourceMeter.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                // Every scrape sees the counts as they are (no cached answer).
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0))
            .WithTracing(tracing =>
            {
                tracing.AddSource(BoilerhouseTracing.SourceName)
                    // Scrapes are not worth a trace each.
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath));
                if (telemetry.ExportTraces)
                {
                    tracing.AddOtlpExporter(o =>
                    {
                        if (telemetry.OtlpEndpoint is { } endpoint)
                        {
                            o.Endpoint = endpoint;
                        }
                    });
                }
            });
        return builder;
    }

    /// <summary>GET /metrics in Prometheus' text format; the access rules apply to it like to the API.</summary>
    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder app) =>
        // A GET like every read, so the access rules (keyed by method) and the access matrix see it.
        app.MapPrometheusScrapingEndpoint(MetricsPath).WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
}
