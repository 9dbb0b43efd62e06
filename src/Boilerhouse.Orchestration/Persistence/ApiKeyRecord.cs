namespace Boilerhouse.Orchestration.Persistence;

/// <summary>An API key as stored: its SHA-256 hash only, never the secret.</summary>
public sealed class ApiKeyRecord
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public required string SecretHash { get; set; }
    /// <summary>The key's first characters, so a person can tell keys apart without the secret.</summary>
    public required string Prefix { get; set; }
    public required string Role { get; set; }
    /// <summary>Tenant ids and "prefix*" entries, newline-separated.</summary>
    public string Tenants { get; set; } = "";
    /// <summary>Pool ids the key may claim in, newline-separated; empty means any.</summary>
    public string Pools { get; set; } = "";
    public int? RateLimitPerMinute { get; set; }
    public int? MaxContainers { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? RotatedAt { get; set; }
}
