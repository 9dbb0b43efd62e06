using Microsoft.AspNetCore.Authorization;

namespace Boilerhouse.Dashboard.Access;

/// <summary>
/// Who may open the dashboard: anyone while the API is open (no key configured), otherwise a user
/// signed in with an admin, operator or reader key.
/// </summary>
public sealed class DashboardAccessRequirement : AuthorizationHandler<DashboardAccessRequirement>, IAuthorizationRequirement
{
    public const string Policy = "BoilerhouseDashboard";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DashboardAccessRequirement requirement)
    {
        var signIn = (context.Resource as Microsoft.AspNetCore.Http.HttpContext)?.RequestServices.GetService(typeof(IDashboardSignIn)) as IDashboardSignIn;
        if (signIn is { KeysRequired: false } || DashboardCookie.UserOf(context.User) is not null)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
