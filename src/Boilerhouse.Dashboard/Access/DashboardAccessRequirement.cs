using Microsoft.AspNetCore.Authorization;

namespace Boilerhouse.Dashboard.Access;

/// <summary>
/// Who may open the dashboard: anyone while the API is open (no key configured), otherwise a user
/// signed in with an admin, operator or reader key. The action policy (the page's terminal) also
/// needs an operator or admin.
/// </summary>
public sealed class DashboardAccessRequirement(bool actionsRequired = false) : AuthorizationHandler<DashboardAccessRequirement>, IAuthorizationRequirement
{
    public const string Policy = "BoilerhouseDashboard";
    public const string ActionPolicy = "BoilerhouseDashboardActions";

    public bool ActionsRequired { get; } = actionsRequired;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DashboardAccessRequirement requirement)
    {
        var signIn = (context.Resource as Microsoft.AspNetCore.Http.HttpContext)?.RequestServices.GetService(typeof(IDashboardSignIn)) as IDashboardSignIn;
        var user = signIn is { KeysRequired: false } ? DashboardUser.Open : DashboardCookie.UserOf(context.User);
        if (user is not null && (!requirement.ActionsRequired || user.MayAct))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
