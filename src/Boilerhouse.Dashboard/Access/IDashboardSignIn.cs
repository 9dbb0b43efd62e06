namespace Boilerhouse.Dashboard.Access;

/// <summary>
/// The host's key checks, as the dashboard needs them (the host owns keys and their rules; the
/// dashboard only asks).
/// </summary>
public interface IDashboardSignIn
{
    /// <summary>False while the API is open (no key configured): the dashboard is open too.</summary>
    bool KeysRequired { get; }

    /// <summary>The user of a presented key; an error a person can act on when it cannot sign in (unknown, revoked, tenant key, too many tries).</summary>
    Task<DashboardSignInResult> SignInAsync(string key, string clientAddress, CancellationToken cancellationToken);

    /// <summary>False once the key behind a signed-in user is revoked or expired: the user is signed out.</summary>
    Task<bool> IsStillValidAsync(string keyId, CancellationToken cancellationToken);
}

public sealed record DashboardSignInResult(DashboardUser? User, string? Error)
{
    public static DashboardSignInResult Refused(string error) => new(null, error);
}
