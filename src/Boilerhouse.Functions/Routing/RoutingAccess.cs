using Boilerhouse.Core.Access;
using Boilerhouse.Core.Errors;
using Boilerhouse.Functions.Access;
using Boilerhouse.Functions.Apis;

namespace Boilerhouse.Functions.Routing;

/// <summary>
/// Who may reach a tenant's container once keys are on: the tenant's access token (header
/// <c>X-Boilerhouse-Token</c>, <c>Authorization: Bearer bht_...</c>, query <c>bh_token</c> or cookie
/// <c>bh_token</c>), or an API key that may act for the tenant (admin, operator, or a tenant key in
/// scope); anyone when the workload says <c>routing.public: true</c>. API rate limits and the audit
/// log do not apply (this is the app's own traffic); failed key guesses still count per address.
/// </summary>
public sealed class RoutingAccess(AccessMode mode, AccessSettings settings, KeyAuthenticator keys, FixedWindowCounter counter, RoutingTokens tokens)
{
    public const string TokenHeader = "X-Boilerhouse-Token";
    public const string TokenQuery = "bh_token";
    public const string TokenCookie = "bh_token";

    /// <summary>The pass, or null after the refusal (401, 403, 404 or 429) was written.</summary>
    public async Task<RoutingPass?> CheckAsync(HttpContext http, string tenantId, bool isPublic)
    {
        if (!mode.Enforced || isPublic)
        {
            return RoutingPass.Anonymous;
        }

        var request = http.Request;
        var queryToken = request.Query[TokenQuery].Count == 1 ? request.Query[TokenQuery][0] : null;
        var bearer = request.Headers.Authorization.Count == 1 && request.Headers.Authorization[0] is { } auth
            && auth.StartsWith("Bearer " + RoutingTokens.Prefix, StringComparison.OrdinalIgnoreCase) ? auth["Bearer ".Length..].Trim() : null;
        foreach (var token in new[] { request.Headers[TokenHeader].ToString(), bearer, queryToken, request.Cookies[TokenCookie] })
        {
            if (tokens.IsValidFor(token, tenantId))
            {
                return new RoutingPass(null, false, ReferenceEquals(token, queryToken) ? queryToken : null);
            }
        }

        var (presented, key) = PresentedKey.Read(request);
        if (!presented || bearer is not null)
        {
            return await RefuseAsync(http, AccessErrorCodes.Unauthenticated, presented || HasToken(request)
                ? "The access token is not valid for this tenant, or it expired: claim again for a fresh one."
                : $"Tenant traffic needs the tenant's access token (header {TokenHeader}, query {TokenQuery} or cookie {TokenCookie}) or an API key.");
        }

        var address = "auth-failures:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (counter.Peek(address, settings.AuthFailuresPerMinute) is { } blockedFor)
        {
            http.Response.Headers.RetryAfter = blockedFor.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await RefuseAsync(http, AccessErrorCodes.RateLimited, "Too many failed authentications from this address; try again later.");
        }

        if (await keys.AuthenticateAsync(key, http.RequestAborted) is not { } principal)
        {
            counter.Count(address, settings.AuthFailuresPerMinute);
            return await RefuseAsync(http, AccessErrorCodes.Unauthenticated, "The API key is not valid: it is unknown, revoked, expired or malformed.");
        }

        if (principal.Role == AccessRole.Reader)
        {
            return await RefuseAsync(http, AccessErrorCodes.Forbidden, "A reader key may not send traffic to tenants' containers.");
        }

        // Another tenant answers as a tenant that holds nothing, as the API does.
        return principal.MayActFor(tenantId)
            ? new RoutingPass(principal, true, null)
            : await RefuseAsync(http, ErrorCodes.TenantNotFound, $"Tenant '{tenantId}' holds no container.");
    }

    private static bool HasToken(HttpRequest request) =>
        request.Headers.ContainsKey(TokenHeader) || request.Query.ContainsKey(TokenQuery) || request.Cookies.ContainsKey(TokenCookie);

    private static async Task<RoutingPass?> RefuseAsync(HttpContext http, string code, string message)
    {
        if (code == AccessErrorCodes.Unauthenticated)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"boilerhouse\"";
        }

        await Problems.For(http, code, message).ExecuteAsync(http);
        return null;
    }
}
