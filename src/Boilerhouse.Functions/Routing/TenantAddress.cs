using System.Globalization;

namespace Boilerhouse.Functions.Routing;

/// <summary>
/// Which tenant a request is for and what path it forwards: <c>/t/{tenantId}/{path}</c>,
/// <c>/t/{tenantId}:{port}/{path}</c>, or any path on host <c>{tenantId}.{routing domain}</c>.
/// The <c>X-Boilerhouse-Port</c> header picks a port as well (the path's port wins).
/// </summary>
public sealed record TenantAddress(string TenantId, int? Port, string Prefix, string Path)
{
    public const string PathPrefix = "/t/";
    public const string PortHeader = "X-Boilerhouse-Port";

    /// <summary>False when the request is not tenant traffic; otherwise the address, or an INVALID_ID/INVALID_REQUEST message.</summary>
    public static bool TryRead(HttpRequest request, string? domain, out TenantAddress? address, out string? error)
    {
        address = null;
        error = null;
        var path = request.Path.Value ?? "/";
        string tenant;
        string? portText = null;
        string prefix;
        string rest;
        if (domain is not null && request.Host.Host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase))
        {
            tenant = request.Host.Host[..^(domain.Length + 1)].ToLowerInvariant();
            prefix = "";
            rest = path;
        }
        else if (path.StartsWith(PathPrefix, StringComparison.Ordinal))
        {
            var end = path.IndexOf('/', PathPrefix.Length);
            var segment = end < 0 ? path[PathPrefix.Length..] : path[PathPrefix.Length..end];
            prefix = PathPrefix + segment;
            rest = end < 0 ? "/" : path[end..];
            var colon = segment.IndexOf(':');
            tenant = colon < 0 ? segment : segment[..colon];
            portText = colon < 0 ? null : segment[(colon + 1)..];
        }
        else
        {
            return false;
        }

        if (!Boilerhouse.Core.Ids.ResourceId.IsValid(tenant))
        {
            error = $"'{(tenant.Length > 80 ? tenant[..80] + "..." : tenant)}' is not a tenant id: {Boilerhouse.Core.Ids.ResourceId.Rule}.";
            return true;
        }

        portText ??= request.Headers[PortHeader].Count == 1 ? request.Headers[PortHeader][0] : null;
        int? port = null;
        if (portText is not null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 65535)
            {
                error = $"'{portText}' is not a port: give a container port from 1 to 65535.";
                return true;
            }

            port = value;
        }

        address = new TenantAddress(tenant, port, prefix, rest);
        return true;
    }
}
