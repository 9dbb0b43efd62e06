namespace Boilerhouse.Client.Models;

/// <summary>An API key as listed: everything but its secret.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Role"><c>admin</c>, <c>operator</c>, <c>reader</c> or <c>tenant</c>.</param>
/// <param name="Tenants">Tenant ids or prefixes (<c>acme-*</c>) a tenant key may act for.</param>
/// <param name="Pools">Pools a tenant key may claim from (empty: any).</param>
/// <param name="RateLimitPerMinute">Requests a minute.</param>
/// <param name="MaxContainers">Containers its tenants may hold at once.</param>
/// <param name="Prefix">The start of its secret, to recognise it.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="RevokedAt">When it was revoked.</param>
/// <param name="RotatedAt">When its secret was last replaced.</param>
public sealed record ApiKey(
    string Id, string Name, string Role, IReadOnlyList<string> Tenants, IReadOnlyList<string> Pools, int? RateLimitPerMinute,
    int? MaxContainers, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? RotatedAt);

/// <summary>A key just created or rotated; the only answer that carries its secret.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Key">Its secret: store it now, it is never shown again.</param>
/// <param name="Name">Its name.</param>
/// <param name="Role">Its role.</param>
/// <param name="Tenants">Its tenant scope.</param>
/// <param name="Pools">Its pools.</param>
/// <param name="RateLimitPerMinute">Requests a minute.</param>
/// <param name="MaxContainers">Containers its tenants may hold at once.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record CreatedApiKey(
    string Id, string Key, string Name, string Role, IReadOnlyList<string> Tenants, IReadOnlyList<string> Pools,
    int? RateLimitPerMinute, int? MaxContainers, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

/// <summary>A key to create.</summary>
/// <param name="Name">A name people recognise.</param>
/// <param name="Role"><c>admin</c>, <c>operator</c>, <c>reader</c> or <c>tenant</c>.</param>
public sealed record NewApiKey(string Name, string Role)
{
    /// <summary>Tenant keys: tenant ids or prefixes such as <c>acme-*</c>.</summary>
    public IReadOnlyList<string>? Tenants { get; init; }

    /// <summary>Tenant keys: pools it may claim from.</summary>
    public IReadOnlyList<string>? Pools { get; init; }

    /// <summary>Requests a minute.</summary>
    public int? RateLimitPerMinute { get; init; }

    /// <summary>Tenant keys: containers its tenants may hold at once.</summary>
    public int? MaxContainers { get; init; }

    /// <summary>When it stops working.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
