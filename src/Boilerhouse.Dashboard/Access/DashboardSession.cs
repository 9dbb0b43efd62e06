using Microsoft.AspNetCore.Components.Authorization;

namespace Boilerhouse.Dashboard.Access;

/// <summary>The viewer of this circuit: the signed-in key's user, or <see cref="DashboardUser.Open"/> while no key is required.</summary>
public sealed class DashboardSession(AuthenticationStateProvider authentication, IDashboardSignIn signIn)
{
    public bool KeysRequired => signIn.KeysRequired;

    /// <summary>The viewer, or null when keys are required and nobody (valid) is signed in.</summary>
    public async Task<DashboardUser?> UserAsync()
    {
        if (!signIn.KeysRequired)
        {
            return DashboardUser.Open;
        }

        var state = await authentication.GetAuthenticationStateAsync();
        return DashboardCookie.UserOf(state.User);
    }
}
