using Boilerhouse.Core.Errors;
using Boilerhouse.Functions.Apis;
using Yarp.ReverseProxy.Forwarder;

namespace Boilerhouse.Functions.Routing;

/// <summary>
/// Tenant traffic, ahead of the API: a request for <c>/t/{tenantId}/...</c> or host
/// <c>{tenantId}.{domain}</c> is checked (<see cref="RoutingAccess"/>), claims when the workload says
/// so, counts as the tenant's activity and goes to its container through YARP; WebSockets and
/// streamed bodies pass through. Everything else goes on to the API.
/// </summary>
public sealed class TenantTraffic(
    RequestDelegate next, RoutingSettings settings, RouteCache routes, RoutingAccess access, RequestClaims claims,
    TenantActivity activity, TenantForwarder forwarder, ILogger<TenantTraffic> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!TenantAddress.TryRead(http.Request, settings.Domain, out var address, out var error))
        {
            await next(http);
            return;
        }

        if (address is null)
        {
            await Problems.For(http, error!.Contains("port", StringComparison.Ordinal) ? ErrorCodes.InvalidRequest : ErrorCodes.InvalidId, error).ExecuteAsync(http);
            return;
        }

        var tenantId = address.TenantId;
        var route = await routes.FindAsync(tenantId);
        var claimIn = route is null ? claims.WorkloadFor(http.Request) : null;
        var isPublic = route?.Routing.Public ?? claimIn?.Routing.Public ?? false;
        if (await access.CheckAsync(http, tenantId, isPublic) is not { } pass)
        {
            return;
        }

        if (route is null)
        {
            if (claimIn is null)
            {
                await Problems.For(http, ErrorCodes.TenantNotFound, $"Tenant '{tenantId}' holds no container: claim one first.").ExecuteAsync(http);
                return;
            }

            if (!await claims.ClaimAsync(http, tenantId, claimIn, pass))
            {
                return;
            }

            routes.Forget(tenantId);
            if ((route = await routes.FindAsync(tenantId)) is null)
            {
                await Problems.For(http, ErrorCodes.TenantNotFound, $"Tenant '{tenantId}' was released right after its claim.").ExecuteAsync(http);
                return;
            }
        }

        if (route.DestinationFor(address.Port, out var problem) is not { } destination)
        {
            await Problems.For(http, RoutingErrorCodes.RouteNotFound, problem).ExecuteAsync(http);
            return;
        }

        activity.Record(tenantId);
        var result = await forwarder.SendAsync(http, destination, address, pass);
        if (result == ForwarderError.None)
        {
            return;
        }

        // The container may be gone or replaced: the next request asks the grain again.
        routes.Forget(tenantId);
        var failure = http.Features.Get<IForwarderErrorFeature>()?.Exception;
        logger.LogInformation("Traffic for tenant {TenantId} to {Destination} failed: {Error} {Message}", tenantId, destination, result, failure?.Message);
        if (!http.Response.HasStarted && result is ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.NoAvailableDestinations)
        {
            http.Response.Clear();
            await Problems.For(http, RoutingErrorCodes.UpstreamUnavailable,
                $"The container of tenant '{tenantId}' did not answer ({result}); it may be starting or gone. Try again.").ExecuteAsync(http);
        }
    }
}
