using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Functions.Access;

public static class AccessServices
{
    /// <summary>Keys, rules, limits, quotas and the audit log; serves HTTPS with the configured certificate.</summary>
    public static WebApplicationBuilder AddBoilerhouseAccess(this WebApplicationBuilder builder, AccessSettings settings)
    {
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<ApiKeyStore>();
        builder.Services.AddSingleton<AuditStore>();
        builder.Services.AddSingleton<ClaimQuotaStore>();
        builder.Services.AddSingleton<AccessMode>();
        builder.Services.AddSingleton<KeyAuthenticator>();
        builder.Services.AddSingleton<FixedWindowCounter>();
        if (settings.HttpsCertificate is { } certificate)
        {
            builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapAccessApisV1(this IEndpointRouteBuilder app)
    {
        app.MapKeysApiV1();
        app.MapAuditApiV1();
        return app;
    }
}
