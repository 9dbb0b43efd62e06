using System.Globalization;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Orchestration.Hosts;

/// <summary>
/// Chooses a host for a new container: among hosts that carry the pool's placement labels, are not
/// unhealthy, cordoned or draining, and have room for what the container reserves, the one with the
/// most free capacity (spread). Hosts whose last check failed come last.
/// </summary>
public static class HostPlacement
{
    public static PlacementResult Choose(IReadOnlyCollection<HostView> hosts, PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(request);
        var placement = new PlacementSpec(request.Labels);
        var matching = hosts.Where(h => placement.Allows(h.Labels)).ToList();
        if (matching.Count == 0)
        {
            return PlacementResult.Refused(HostErrorCodes.ResourceLimitExceeded,
                $"No Docker host carries the labels {placement} that pool '{request.PoolId}' asks for in x-boilerhouse.placement.");
        }

        // A host whose engine is known to lack the workload's runtime is never chosen; one not checked yet
        // may be (the engine itself then refuses, and the next check settles it).
        if (request.Runtime is { } runtime)
        {
            var lacking = matching.Where(h => h.Engine is { } engine && !engine.Runtimes.Contains(runtime, StringComparer.Ordinal)).ToList();
            if (lacking.Count == matching.Count)
            {
                return PlacementResult.Refused(HostErrorCodes.RuntimeUnavailable,
                    $"No Docker host pool '{request.PoolId}' may use has the container runtime '{runtime}' that its workload names in 'runtime' " +
                    $"({string.Join("; ", lacking.Select(h => $"{h.Id} has {string.Join(", ", h.Engine!.Runtimes)}"))}); " +
                    "register it with the engines (eng/setup-gvisor.sh does for runsc) or change the workload.");
            }

            matching = [.. matching.Except(lacking)];
        }

        if (matching.All(h => h.Status == HostStatus.Unhealthy))
        {
            return PlacementResult.Refused(ErrorCodes.DockerUnavailable,
                $"Every Docker host pool '{request.PoolId}' may use is unhealthy: {string.Join("; ", matching.Select(h => $"{h.Id}: {h.LastError}"))}");
        }

        var best = matching
            .Where(h => h.AcceptsPlacements && Fits(h, request.Need))
            .OrderBy(h => h.ConsecutiveFailures > 0)
            .ThenByDescending(h => FreeShareAfter(h, request.Need))
            .ThenBy(h => h.Used.Containers)
            .ThenBy(h => h.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        return best is not null
            ? PlacementResult.Placed(best.Id)
            : PlacementResult.Refused(HostErrorCodes.ResourceLimitExceeded,
                $"No Docker host has room for another container of pool '{request.PoolId}' (it reserves {request.Need}): {string.Join("; ", matching.Select(WhyNot))}.");
    }

    public static bool Fits(HostView host, ResourceNeed need)
    {
        ArgumentNullException.ThrowIfNull(host);
        var after = host.Used.Add(need);
        var capacity = host.Capacity;
        return (capacity.MaxContainers is not { } max || after.Containers <= max)
            && (capacity.Cpus is not { } cpus || after.Cpus <= cpus)
            && (capacity.MemoryBytes is not { } memory || after.MemoryBytes <= memory);
    }

    /// <summary>The scarcest budget's free share once the container is placed; 1 when nothing is limited.</summary>
    private static double FreeShareAfter(HostView host, ResourceNeed need)
    {
        var after = host.Used.Add(need);
        var capacity = host.Capacity;
        var share = 1.0;
        if (capacity.MaxContainers is { } max and > 0)
        {
            share = Math.Min(share, (double)(max - after.Containers) / max);
        }

        if (capacity.Cpus is { } cpus and > 0)
        {
            share = Math.Min(share, (double)((cpus - after.Cpus) / cpus));
        }

        if (capacity.MemoryBytes is { } memory and > 0)
        {
            share = Math.Min(share, (double)(memory - after.MemoryBytes) / memory);
        }

        return share;
    }

    private static string WhyNot(HostView host) => host switch
    {
        { Status: HostStatus.Unhealthy } => $"{host.Id} is unhealthy",
        { Draining: true } => $"{host.Id} is draining",
        { Cordoned: true } => $"{host.Id} is cordoned",
        _ => $"{host.Id} is full ({Usage(host)})",
    };

    private static string Usage(HostView host)
    {
        var parts = new List<string>();
        if (host.Capacity.MaxContainers is { } max)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"containers {host.Used.Containers}/{max}"));
        }

        if (host.Capacity.Cpus is { } cpus)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"CPUs {host.Used.Cpus:0.###}/{cpus:0.###}"));
        }

        if (host.Capacity.MemoryBytes is { } memory)
        {
            parts.Add($"memory {ByteSize.Format(host.Used.MemoryBytes)}/{ByteSize.Format(memory)}");
        }

        return string.Join(", ", parts);
    }
}
