using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Boilerhouse.Dashboard.Access;

/// <summary>POST /login (a key from the form becomes a cookie) and POST /logout.</summary>
public static class SignInEndpoints
{
    public static void MapDashboardSignIn(this IEndpointRouteBuilder app)
    {
        app.MapPost("/login", SignInAsync).WithMetadata(DashboardEndpoint.Instance).ExcludeFromDescription();
        app.MapPost("/logout", (Delegate)SignOutAsync).WithMetadata(DashboardEndpoint.Instance).ExcludeFromDescription();
    }

    public static async Task<RedirectHttpResult> SignInAsync([FromForm] string? key, [FromForm] string? returnUrl, HttpContext http, IDashboardSignIn signIn)
    {
        var result = await signIn.SignInAsync(key?.Trim() ?? "", http.Connection.RemoteIpAddress?.ToString() ?? "unknown", http.RequestAborted);
        if (result.User is not { } user)
        {
            return TypedResults.Redirect("/login?error=" + Uri.EscapeDataString(result.Error ?? "The key was refused."));
        }

        await http.SignInAsync(DashboardCookie.Scheme, DashboardCookie.PrincipalOf(user));
        return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    public static async Task<RedirectHttpResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(DashboardCookie.Scheme);
        return TypedResults.Redirect("/login");
    }

    /// <summary>Only paths of this site: a crafted returnUrl must not send a signed-in user elsewhere.</summary>
    private static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
