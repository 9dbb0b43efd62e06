using System.Security.Cryptography.X509Certificates;
using Boilerhouse.Functions.Settings;

namespace Boilerhouse.Functions.Access;

/// <summary>
/// Access-control settings: the bootstrap admin key (BOILERHOUSE_ADMIN_KEY or a file named by
/// BOILERHOUSE_ADMIN_KEY_FILE), BOILERHOUSE_AUTH=none to run open on purpose, the default rate limit
/// of tenant keys, the failed-authentication limit per client address, and the HTTPS certificate.
/// </summary>
public sealed record AccessSettings
{
    public const int MinAdminKeyLength = 32;

    /// <summary>The bootstrap admin key; held only as long as the process runs, never logged.</summary>
    public string? AdminKey { get; init; }
    public bool AuthDisabledOnPurpose { get; init; }
    public int TenantRateLimitPerMinute { get; init; } = 100;
    public int AuthFailuresPerMinute { get; init; } = 20;
    public X509Certificate2? HttpsCertificate { get; init; }

    public static AccessSettings Load(IConfiguration configuration, string root)
    {
        var reader = new SettingsReader(configuration);
        var auth = reader.String("BOILERHOUSE_AUTH", "keys").ToLowerInvariant();
        if (auth is not ("keys" or "none"))
        {
            throw new SettingsException($"BOILERHOUSE_AUTH must be 'keys' (the default) or 'none', got '{auth}'.");
        }

        return new AccessSettings
        {
            AdminKey = ReadAdminKey(reader, root),
            AuthDisabledOnPurpose = auth == "none",
            TenantRateLimitPerMinute = reader.Int("BOILERHOUSE_RATE_LIMIT_PER_MINUTE", 100, 1, 1_000_000),
            AuthFailuresPerMinute = reader.Int("BOILERHOUSE_AUTH_FAILURES_PER_MINUTE", 20, 1, 1_000_000),
            HttpsCertificate = Access.HttpsCertificate.Load(reader, root),
        };
    }

    private static string? ReadAdminKey(SettingsReader reader, string root)
    {
        var key = reader.String("BOILERHOUSE_ADMIN_KEY", "");
        var file = reader.String("BOILERHOUSE_ADMIN_KEY_FILE", "");
        if (key.Length > 0 && file.Length > 0)
        {
            throw new SettingsException("Set BOILERHOUSE_ADMIN_KEY or BOILERHOUSE_ADMIN_KEY_FILE, not both.");
        }

        if (file.Length > 0)
        {
            var path = Path.GetFullPath(file, root);
            key = File.Exists(path) ? File.ReadAllText(path).Trim()
                : throw new SettingsException($"BOILERHOUSE_ADMIN_KEY_FILE '{path}' does not exist.");
        }

        if (key.Length == 0)
        {
            return null;
        }

        return key.Length >= MinAdminKeyLength && key.All(c => c is > ' ' and < (char)127)
            ? key
            : throw new SettingsException(
                $"The bootstrap admin key (BOILERHOUSE_ADMIN_KEY{(file.Length > 0 ? "_FILE" : "")}) must be at least {MinAdminKeyLength} printable ASCII characters without spaces, e.g. the output of 'openssl rand -base64 32'.");
    }
}
