namespace Boilerhouse.Functions.Routing;

public static class RoutingServices
{
    /// <summary>Tenant traffic: route cache and its invalidation, activity, tokens, access, YARP's forwarder.</summary>
    public static IServiceCollection AddBoilerhouseRouting(this IServiceCollection services, RoutingSettings settings)
    {
        services.AddSingleton(settings);
        services.AddHttpForwarder();
        services.AddSingleton<TenantForwarder>();
        services.AddSingleton<RouteCache>();
        services.AddHostedService<RouteInvalidation>();
        services.AddSingleton(sp => new TenantActivity(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<ILogger<TenantActivity>>()));
        services.AddHostedService(sp => sp.GetRequiredService<TenantActivity>());
        services.AddSingleton<RoutingTokens>();
        services.AddSingleton<RoutingAccess>();
        services.AddSingleton<RequestClaims>();
        return services;
    }

    /// <summary>Runs ahead of access control and the API (tenant traffic never reaches an API endpoint), inside its own error handling.</summary>
    public static IApplicationBuilder UseTenantTraffic(this IApplicationBuilder app) =>
        app.UseMiddleware<Apis.ErrorHandling>().UseMiddleware<TenantTraffic>();
}
