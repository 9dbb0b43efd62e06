using Boilerhouse.Core.Access;

namespace Boilerhouse.Functions.Access;

/// <summary>Who calls: the key's id, name, role, tenant scope, pools and limits.</summary>
public sealed record AccessPrincipal(
    string KeyId, string Name, AccessRole Role, TenantScope Tenants, IReadOnlyList<string> Pools, int? RateLimitPerMinute, int? MaxContainers)
{
    public const string BootstrapAdminId = "bootstrap-admin";

    /// <summary>The caller when the API is open (loopback without keys, or BOILERHOUSE_AUTH=none).</summary>
    public static readonly AccessPrincipal Open = new("open", "open access", AccessRole.Admin, TenantScope.Parse([]), [], null, null);

    public static readonly AccessPrincipal BootstrapAdmin = new(BootstrapAdminId, "bootstrap admin (BOILERHOUSE_ADMIN_KEY)", AccessRole.Admin, TenantScope.Parse([]), [], null, null);

    public bool MayActFor(string tenantId) => Role != AccessRole.Tenant || Tenants.Allows(tenantId);

    public bool MayClaimIn(string poolId) => Role != AccessRole.Tenant || Pools.Count == 0 || Pools.Contains(poolId, StringComparer.Ordinal);
}
