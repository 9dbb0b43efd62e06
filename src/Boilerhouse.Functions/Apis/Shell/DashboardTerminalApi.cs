using Boilerhouse.Core.Access;
using Boilerhouse.Core.Errors;
using Boilerhouse.Dashboard.Access;
using Boilerhouse.Functions.Access;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Resources;
using Boilerhouse.Orchestration.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// The tenant page's terminal: the same bridge as GET /api/v1/tenants/{id}/terminal, authorized by the
/// dashboard's sign-in cookie (operators and admins) instead of an API key, which the browser never holds.
/// The cookie is SameSite=Strict and the upgrade must come from a page of this site (Origin), so another
/// site cannot open a terminal with a signed-in operator's browser.
/// </summary>
public static class DashboardTerminalApi
{
    public const string Route = "/dashboard/tenants/{tenantId}/terminal";

    public static IEndpointRouteBuilder MapDashboardTerminal(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, OpenAsync)
            .RequireAuthorization(DashboardAccessRequirement.ActionPolicy)
            .WithMetadata(DashboardEndpoint.Instance)
            .ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> OpenAsync(
        string tenantId, HttpContext http, IDashboardSignIn signIn, TenantStore tenants, ManagedContainerFinder finder, DockerHosts hosts, CommandLog log)
    {
        if (!FromThisSite(http))
        {
            return Problems.For(http, AccessErrorCodes.Forbidden, "The dashboard's terminal opens only from a dashboard page of this site.");
        }

        var user = signIn.KeysRequired ? DashboardCookie.UserOf(http.User) : DashboardUser.Open;
        if (user is not { MayAct: true })
        {
            return Problems.For(http, AccessErrorCodes.Forbidden, "Only operators and admins may open a terminal.");
        }

        // The command log names the signed-in key, as it does for a terminal opened with that key on the API.
        http.Items[typeof(AccessPrincipal)] = user == DashboardUser.Open
            ? AccessPrincipal.Open
            : new AccessPrincipal(user.KeyId, user.Name, Enum.Parse<AccessRole>(user.Role, ignoreCase: true), TenantScope.Parse([]), [], null, null);
        var target = await ShellTarget.OfTenantAsync(tenantId, tenants, finder, hosts, http.RequestAborted);
        await TerminalBridge.RunAsync(http, target, log);
        return TypedResults.Empty;
    }

    private static bool FromThisSite(HttpContext http) =>
        Uri.TryCreate(http.Request.Headers.Origin.ToString(), UriKind.Absolute, out var origin)
        && string.Equals(origin.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
