namespace Boilerhouse.Functions.Routing;

/// <summary>Error codes of tenant traffic (see Problems.StatusFor for their statuses).</summary>
public static class RoutingErrorCodes
{
    /// <summary>404: the tenant's workload publishes no such port, or several ports and names no routing.port.</summary>
    public const string RouteNotFound = "ROUTE_NOT_FOUND";

    /// <summary>502: the tenant's container did not answer the proxied request.</summary>
    public const string UpstreamUnavailable = "UPSTREAM_UNAVAILABLE";
}
