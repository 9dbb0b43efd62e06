using System.Security.Cryptography;
using System.Text;
using Boilerhouse.Functions.Settings;

namespace Boilerhouse.Functions.Routing;

/// <summary>
/// Tenant traffic settings: the domain under which <c>{tenantId}.{domain}</c> reaches a tenant, the
/// key that signs access tokens and how long a token lives.
/// </summary>
public sealed record RoutingSettings(string? Domain, byte[] TokenKey, bool TokenKeyGenerated, TimeSpan TokenLifetime)
{
    public const string DomainKey = "BOILERHOUSE_ROUTING_DOMAIN";
    public const string TokenKeyKey = "BOILERHOUSE_ROUTING_TOKEN_KEY";
    public const string TokenMinutesKey = "BOILERHOUSE_ROUTING_TOKEN_MINUTES";

    /// <summary>Reads and checks the settings; a bad value stops start-up (SettingsException) naming it.</summary>
    public static RoutingSettings Load(IConfiguration configuration)
    {
        var reader = new SettingsReader(configuration);
        var domain = reader.String(DomainKey, "").Trim('.').ToLowerInvariant();
        if (domain.Length > 0 && (Uri.CheckHostName(domain) != UriHostNameType.Dns || domain.Length > 200))
        {
            throw new SettingsException($"{DomainKey} '{domain}' is not a DNS name such as apps.example.com.");
        }

        var key = reader.String(TokenKeyKey, "");
        if (key.Length is > 0 and < 32)
        {
            throw new SettingsException($"{TokenKeyKey} must be at least 32 characters (e.g. openssl rand -base64 32).");
        }

        var minutes = reader.Int(TokenMinutesKey, 60, 1, 1440);
        return new RoutingSettings(
            domain.Length == 0 ? null : domain,
            key.Length > 0 ? Encoding.UTF8.GetBytes(key) : RandomNumberGenerator.GetBytes(32),
            key.Length == 0,
            TimeSpan.FromMinutes(minutes));
    }
}
