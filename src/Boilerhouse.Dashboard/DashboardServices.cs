using Boilerhouse.Dashboard.Access;
using Boilerhouse.Dashboard.Components;
using Boilerhouse.Dashboard.Live;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;

namespace Boilerhouse.Dashboard;

/// <summary>The operator dashboard, hosted by the Boilerhouse host at "/".</summary>
public static class DashboardServices
{
    /// <summary>Blazor (interactive server), Fluent UI, the sign-in cookie and the dashboard's access policy.</summary>
    public static IServiceCollection AddBoilerhouseDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddFluentUIComponents();
        services.AddAuthentication(DashboardCookie.Scheme).AddCookie(DashboardCookie.Scheme, DashboardCookie.Configure);
        services.AddSingleton<IAuthorizationHandler>(new DashboardAccessRequirement());
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardAccessRequirement.Policy, p => p.AddRequirements(new DashboardAccessRequirement()))
            .AddPolicy(DashboardAccessRequirement.ActionPolicy, p => p.AddRequirements(new DashboardAccessRequirement(actionsRequired: true)));
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, KeyRevalidation>();
        services.AddScoped<DashboardSession>();
        return services;
    }

    /// <summary>Authentication and antiforgery for the dashboard, then its pages, hub, sign-in and static files.</summary>
    public static WebApplication MapBoilerhouseDashboard(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        // The build writes this manifest next to the host; a host loaded from elsewhere (a test's
        // WebApplicationFactory) may have none, and then serves the API without the dashboard's files.
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, $"{app.Environment.ApplicationName}.staticwebassets.endpoints.json")))
        {
            // No catch-all "{**path:file}" fallback in Development: every endpoint must be a listed
            // asset, a page or an API route with an access rule.
            app.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] = "true";
            app.MapStaticAssets().Add(e => e.Metadata.Add(DashboardEndpoint.Instance));
        }

        app.MapDashboardSignIn();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .RequireAuthorization(DashboardAccessRequirement.Policy)
            .Add(e => e.Metadata.Add(DashboardEndpoint.Instance));
        return app;
    }

    /// <summary>True for the dashboard's endpoints, which the API's access rules leave to the dashboard.</summary>
    public static bool IsDashboardEndpoint(Microsoft.AspNetCore.Http.Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<DashboardEndpoint>() is not null;
}
