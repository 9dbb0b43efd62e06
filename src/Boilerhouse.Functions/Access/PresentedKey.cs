using Microsoft.Extensions.Primitives;

namespace Boilerhouse.Functions.Access;

/// <summary>The key a request presents: "Authorization: Bearer &lt;key&gt;" or "X-API-Key: &lt;key&gt;".</summary>
public static class PresentedKey
{
    public const string ApiKeyHeader = "X-API-Key";

    /// <summary>
    /// (false, null): no credentials at all. (true, key): credentials to check; an empty key, another
    /// scheme, several values or two different keys come back as "" so they fail like a wrong key.
    /// </summary>
    public static (bool Presented, string Key) Read(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        var apiKey = request.Headers[ApiKeyHeader];
        if (StringValues.IsNullOrEmpty(authorization) && apiKey.Count == 0)
        {
            return (false, "");
        }

        string? bearer = null;
        if (!StringValues.IsNullOrEmpty(authorization))
        {
            var value = authorization.Count == 1 ? authorization[0]! : "";
            bearer = value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value["Bearer ".Length..].Trim() : "";
        }

        var header = apiKey.Count switch
        {
            0 => null,
            1 => apiKey[0]?.Trim() ?? "",
            _ => "",
        };
        return (bearer, header) switch
        {
            ({ } b, { } h) => (true, b == h ? b : ""),
            ({ } b, null) => (true, b),
            (null, { } h) => (true, h),
            _ => (true, ""),
        };
    }
}
