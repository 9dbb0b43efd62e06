using System.Security.Cryptography;
using System.Text;
using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Core.Containers;

/// <summary>
/// The Docker network a pool's containers share on one host: a bridge with inter-container traffic
/// off, so containers of one pool cannot reach each other, and one network per pool, so pools never
/// share one. Egress <see cref="Egress.Deny"/> makes it a Docker <c>internal</c> network (no route out).
/// Its bridge interface is named <c>bhp-</c> plus 10 hex digits, the name the host guard
/// (eng/docker-host-guard.sh) matches to keep containers away from the host and link-local addresses.
/// </summary>
public sealed record PoolNetwork(string Name, string BridgeName, Egress Egress, string InstanceId, string PoolId)
{
    /// <summary>Prefix of every pool network's bridge interface.</summary>
    public const string BridgePrefix = "bhp-";

    /// <summary>Label value of <see cref="ContainerLabels.Network"/> on pool networks.</summary>
    public const string LabelValue = "pool";

    public bool Internal => Egress == Egress.Deny;

    /// <summary>
    /// The network of <paramref name="poolId"/> for installation <paramref name="instanceId"/> on host
    /// <paramref name="hostId"/>. The name is the same on every host; the bridge differs per host, so
    /// two engines sharing one machine's interfaces never fight over one bridge.
    /// </summary>
    public static PoolNetwork For(string instanceId, string poolId, Egress egress, string hostId)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostId);
        var name = NameOf(instanceId, poolId, egress);
        // Interface names hold 15 bytes: the prefix and a hash of the host and the network's name.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{hostId}/{name}")))[..10];
        return new PoolNetwork(name, BridgePrefix + hash, egress, instanceId, poolId);
    }

    /// <summary>The Docker name of a pool's network (egress is part of it: a changed egress makes a new network).</summary>
    public static string NameOf(string instanceId, string poolId, Egress egress)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(poolId);
        return $"boilerhouse-{instanceId}-Pool-{poolId}-Egress-{(egress == Egress.Deny ? "deny" : "allow")}";
    }

    /// <summary>
    /// The pool network for a workload's containers on a host, or null when the workload chose another
    /// network mode (<c>none</c>, or a named network, which Boilerhouse does not isolate).
    /// </summary>
    public static PoolNetwork? ForWorkload(WorkloadSpec workload, string instanceId, string hostId)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return UsesPoolNetwork(workload) ? For(instanceId, workload.Id, workload.Network.Egress, hostId) : null;
    }

    /// <summary><c>network_mode: bridge</c> (the default) means the pool's own bridge, never Docker's default one.</summary>
    public static bool UsesPoolNetwork(WorkloadSpec workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return workload.NetworkMode == SecureDefaults.NetworkMode;
    }

    public IReadOnlyDictionary<string, string> Labels => new Dictionary<string, string>
    {
        [ContainerLabels.Managed] = "true",
        [ContainerLabels.Instance] = InstanceId,
        [ContainerLabels.Pool] = PoolId,
        [ContainerLabels.Network] = LabelValue,
    };
}
