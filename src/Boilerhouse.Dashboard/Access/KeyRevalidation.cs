using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Dashboard.Access;

/// <summary>
/// An open page (a live circuit) asks again every few seconds whether its key still holds: a revoked
/// key loses its open pages too, not only its next request.
/// </summary>
public sealed class KeyRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(5);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<IDashboardSignIn>();
        if (!signIn.KeysRequired)
        {
            return true;
        }

        return DashboardCookie.UserOf(authenticationState.User) is { } user && await signIn.IsStillValidAsync(user.KeyId, cancellationToken);
    }
}
