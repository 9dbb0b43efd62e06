using Boilerhouse.Core.Access;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Functions.Access;

/// <summary>Turns a presented key into its principal, or null when it is unknown, revoked, expired or malformed.</summary>
public sealed class KeyAuthenticator(AccessSettings settings, ApiKeyStore keys, TimeProvider time)
{
    private readonly byte[]? _adminHash = settings.AdminKey is { } admin ? ApiKeySecret.Hash(admin) : null;

    public async Task<AccessPrincipal?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        // Anything far longer than a key is not one; hashing it would only cost us.
        if (presented.Length is 0 or > 512)
        {
            return null;
        }

        var hash = ApiKeySecret.Hash(presented);
        if (_adminHash is not null && ApiKeySecret.SameHash(hash, _adminHash))
        {
            return AccessPrincipal.BootstrapAdmin;
        }

        if (!ApiKeySecret.HasShape(presented))
        {
            return null;
        }

        var record = await keys.FindByHashAsync(Convert.ToHexStringLower(hash), cancellationToken);
        if (record is null || !ApiKeySecret.SameHash(Convert.FromHexString(record.SecretHash), hash)
            || record.RevokedAt is not null || record.ExpiresAt <= time.GetUtcNow()
            || !Enum.TryParse<AccessRole>(record.Role, ignoreCase: true, out var role))
        {
            return null;
        }

        return new AccessPrincipal(record.Id, record.Name, role, TenantScope.Parse(ApiKeyLists.Split(record.Tenants)),
            ApiKeyLists.Split(record.Pools), record.RateLimitPerMinute ?? (role == AccessRole.Tenant ? settings.TenantRateLimitPerMinute : null),
            record.MaxContainers);
    }
}

/// <summary>The newline-separated lists of an ApiKeyRecord.</summary>
public static class ApiKeyLists
{
    public static IReadOnlyList<string> Split(string joined) => joined.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static string Join(IEnumerable<string>? items) => items is null ? "" : string.Join('\n', items);
}
