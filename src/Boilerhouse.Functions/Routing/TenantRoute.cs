using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Functions.Routing;

/// <summary>Where a claimed tenant's traffic goes: its container's published ports and its workload's routing.</summary>
public sealed record TenantRoute(string TenantId, string PoolId, string ContainerId, ContainerEndpoints Endpoints, RoutingSpec Routing, DateTimeOffset LoadedAt)
{
    /// <summary>
    /// "http://address:hostPort" of the container port asked for (null: the routing port, or the only
    /// published one); null with <paramref name="problem"/> saying why when there is none.
    /// </summary>
    public string? DestinationFor(int? containerPort, out string problem)
    {
        var tcp = Endpoints.Ports.Where(p => p.Protocol.Equals("tcp", StringComparison.OrdinalIgnoreCase)).ToList();
        var wanted = containerPort ?? Routing.Port ?? (tcp.Select(p => p.ContainerPort).Distinct().Count() == 1 ? tcp[0].ContainerPort : null);
        problem = "";
        if (wanted is null)
        {
            var ports = string.Join(", ", tcp.Select(p => p.ContainerPort).Distinct());
            problem = tcp.Count == 0
                ? $"Pool '{PoolId}' publishes no port: add ports (and x-boilerhouse.routing.port) to its workload to route traffic to it."
                : $"Pool '{PoolId}' publishes several ports ({ports}) and names none in x-boilerhouse.routing.port: ask for one with /t/{TenantId}:PORT/ or the X-Boilerhouse-Port header.";
            return null;
        }

        // Docker lists a port once per address family; IPv4 first, as loopback IPv6 may be off.
        var published = tcp.Where(p => p.ContainerPort == wanted).OrderBy(p => p.HostIp.Contains(':', StringComparison.Ordinal)).FirstOrDefault();
        if (published is null)
        {
            problem = $"Pool '{PoolId}' does not publish port {wanted}; published: {(tcp.Count == 0 ? "none" : string.Join(", ", tcp.Select(p => p.ContainerPort).Distinct()))}.";
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture, $"http://{Address(published.HostIp)}:{published.HostPort}");
    }

    /// <summary>A port published on every address is reached on this machine's loopback.</summary>
    private static string Address(string hostIp)
    {
        if (!IPAddress.TryParse(hostIp, out var ip) || ip.Equals(IPAddress.Any))
        {
            return "127.0.0.1";
        }

        if (ip.Equals(IPAddress.IPv6Any))
        {
            return "[::1]";
        }

        return ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
    }
}
