namespace Boilerhouse.Core.Errors;

/// <summary>Error codes of access control: who may call, how often, how much.</summary>
public static class AccessErrorCodes
{
    /// <summary>401: no key, or a key that is unknown, revoked, expired or malformed.</summary>
    public const string Unauthenticated = "UNAUTHENTICATED";
    /// <summary>403: the key's role may not call this endpoint.</summary>
    public const string Forbidden = "FORBIDDEN";
    /// <summary>429: the key's requests per minute, or the address's failed authentications, are used up.</summary>
    public const string RateLimited = "RATE_LIMITED";
    /// <summary>429: the key's tenants already hold its most containers.</summary>
    public const string QuotaExceeded = "QUOTA_EXCEEDED";
    public const string KeyNotFound = "KEY_NOT_FOUND";
}
