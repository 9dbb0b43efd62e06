using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Boilerhouse.Functions.Routing;

/// <summary>
/// Issues and checks access tokens for tenant traffic: <c>bht_{tenantId}.{expiry}.{HMAC-SHA256}</c>.
/// A token names its tenant and its expiry (unix seconds) in the clear and is signed with the
/// routing token key, so checking one needs no lookup; it cannot be revoked before it expires.
/// </summary>
public sealed class RoutingTokens(RoutingSettings settings, TimeProvider time)
{
    public const string Prefix = "bht_";

    public RoutingToken Issue(string tenantId)
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds((time.GetUtcNow() + settings.TokenLifetime).ToUnixTimeSeconds());
        var payload = $"{tenantId}.{expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        return new RoutingToken($"{Prefix}{payload}.{WebEncoders.Base64UrlEncode(Sign(payload))}", expires);
    }

    /// <summary>True when <paramref name="token"/> was issued here for <paramref name="tenantId"/> and has not expired.</summary>
    public bool IsValidFor(string? token, string tenantId)
    {
        if (token is null || token.Length > 200 || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var body = token[Prefix.Length..];
        var signatureAt = body.LastIndexOf('.');
        var expiryAt = signatureAt > 0 ? body.LastIndexOf('.', signatureAt - 1) : -1;
        if (expiryAt <= 0)
        {
            return false;
        }

        var payload = body[..signatureAt];
        if (!string.Equals(body[..expiryAt], tenantId, StringComparison.Ordinal)
            || !long.TryParse(body[(expiryAt + 1)..signatureAt], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)
            || expiry <= time.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }

        byte[] signature;
        try
        {
            signature = WebEncoders.Base64UrlDecode(body[(signatureAt + 1)..]);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(signature, Sign(payload));
    }

    // The purpose prefix keeps these signatures apart from anything else the same key might ever sign.
    private byte[] Sign(string payload) => HMACSHA256.HashData(settings.TokenKey, Encoding.UTF8.GetBytes("boilerhouse-route\n" + payload));
}
