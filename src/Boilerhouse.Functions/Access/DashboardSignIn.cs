using Boilerhouse.Core.Access;
using Boilerhouse.Dashboard.Access;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Functions.Access;

/// <summary>
/// The dashboard signs in with the API's keys: admin, operator and reader keys may, tenant keys may not
/// (the dashboard shows every tenant). Failed tries count against the same per-address limit as the API's.
/// </summary>
public sealed class DashboardSignIn(
    AccessMode mode, AccessSettings settings, KeyAuthenticator authenticator, ApiKeyStore keys, FixedWindowCounter counter, TimeProvider time)
    : IDashboardSignIn
{
    public bool KeysRequired => mode.Enforced;

    public async Task<DashboardSignInResult> SignInAsync(string key, string clientAddress, CancellationToken cancellationToken)
    {
        var address = "auth-failures:" + clientAddress;
        if (counter.Peek(address, settings.AuthFailuresPerMinute) is { } blockedFor)
        {
            return DashboardSignInResult.Refused($"Too many failed sign-ins from this address; try again in {blockedFor} s.");
        }

        if (await authenticator.AuthenticateAsync(key, cancellationToken) is not { } principal)
        {
            counter.Count(address, settings.AuthFailuresPerMinute);
            return DashboardSignInResult.Refused("The key is not valid: it is unknown, revoked, expired or mistyped.");
        }

        if (principal.Role == AccessRole.Tenant)
        {
            return DashboardSignInResult.Refused("Tenant keys cannot open the dashboard; sign in with a reader, operator or admin key.");
        }

        return new DashboardSignInResult(new DashboardUser(principal.KeyId, principal.Name, principal.Role.ToString().ToLowerInvariant()), null);
    }

    public async Task<bool> IsStillValidAsync(string keyId, CancellationToken cancellationToken)
    {
        if (keyId == AccessPrincipal.BootstrapAdminId)
        {
            return settings.AdminKey is not null;
        }

        return await keys.GetAsync(keyId, cancellationToken) is { RevokedAt: null } record
            && (record.ExpiresAt is null || record.ExpiresAt > time.GetUtcNow())
            && !string.Equals(record.Role, nameof(AccessRole.Tenant), StringComparison.OrdinalIgnoreCase);
    }
}
