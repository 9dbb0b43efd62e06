using Microsoft.AspNetCore.WebUtilities;
using Yarp.ReverseProxy.Forwarder;

namespace Boilerhouse.Functions.Routing;

/// <summary>
/// Shapes the request the container gets: the path below <c>/t/{tenantId}</c>, the query without
/// <c>bh_token</c>, no Boilerhouse headers (nor the API key that let it in), and X-Forwarded-* so the
/// app knows the public address and prefix it is served under.
/// </summary>
internal sealed class TenantTransformer(TenantAddress address, RoutingPass pass) : HttpTransformer
{
    private static readonly string[] BoilerhouseHeaders =
        [RoutingAccess.TokenHeader, TenantAddress.PortHeader, RequestClaims.PoolHeader];

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var request = httpContext.Request;
        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, new PathString(address.Path), QueryWithoutToken(request));
        proxyRequest.Headers.Host = null;
        foreach (var header in BoilerhouseHeaders)
        {
            proxyRequest.Headers.Remove(header);
        }

        if (pass.KeyUsed)
        {
            proxyRequest.Headers.Remove("Authorization");
            proxyRequest.Headers.Remove(Access.PresentedKey.ApiKeyHeader);
        }

        SetHeader(proxyRequest, "X-Forwarded-Host", request.Host.Value ?? "");
        SetHeader(proxyRequest, "X-Forwarded-Proto", request.Scheme);
        SetHeader(proxyRequest, "X-Forwarded-For", httpContext.Connection.RemoteIpAddress?.ToString() ?? "");
        if (address.Prefix.Length > 0)
        {
            SetHeader(proxyRequest, "X-Forwarded-Prefix", address.Prefix);
        }
    }

    public override ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        // A token that came in the query becomes a cookie, so the links and assets a browser follows next carry it too.
        if (pass.QueryToken is { } token)
        {
            httpContext.Response.Cookies.Append(RoutingAccess.TokenCookie, token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = httpContext.Request.IsHttps,
                Path = address.Prefix.Length > 0 ? address.Prefix + "/" : "/",
            });
        }

        return base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
    }

    private static QueryString QueryWithoutToken(HttpRequest request)
    {
        if (!request.Query.ContainsKey(RoutingAccess.TokenQuery))
        {
            return request.QueryString;
        }

        var kept = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(q => q.Key != RoutingAccess.TokenQuery)
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        return QueryString.Create(kept);
    }

    private static void SetHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }
}
