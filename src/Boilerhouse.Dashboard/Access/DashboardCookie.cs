using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Boilerhouse.Dashboard.Access;

/// <summary>The dashboard's sign-in cookie: made from a key's user, checked against the key on every request.</summary>
public static class DashboardCookie
{
    public const string Scheme = "BoilerhouseDashboard";

    public static ClaimsPrincipal PrincipalOf(DashboardUser user) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, user.KeyId), new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role)],
        Scheme));

    /// <summary>The signed-in user, or null when the principal carries no dashboard role.</summary>
    public static DashboardUser? UserOf(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
        && principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } keyId
        && principal.FindFirstValue(ClaimTypes.Role) is { } role && DashboardUser.Roles.Contains(role)
            ? new DashboardUser(keyId, principal.FindFirstValue(ClaimTypes.Name) ?? keyId, role)
            : null;

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "boilerhouse-dashboard";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.LoginPath = "/login";
        options.LogoutPath = "/logout";
        options.AccessDeniedPath = "/login";
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        // A revoked or expired key ends its sessions at the next request, not when the cookie runs out.
        options.Events.OnValidatePrincipal = async context =>
        {
            var signIn = context.HttpContext.RequestServices.GetService(typeof(IDashboardSignIn)) as IDashboardSignIn;
            if (UserOf(context.Principal!) is not { } user || signIn is null
                || !await signIn.IsStillValidAsync(user.KeyId, context.HttpContext.RequestAborted))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(Scheme);
            }
        };
    }
}
