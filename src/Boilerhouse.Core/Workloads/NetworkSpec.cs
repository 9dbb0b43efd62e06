namespace Boilerhouse.Core.Workloads;

/// <summary>Whether a workload's containers have a route out of their pool's network.</summary>
public enum Egress
{
    /// <summary>No route out: the pool network is a Docker <c>internal</c> network.</summary>
    Deny,

    /// <summary>Outbound connections leave through the Docker host (masqueraded), except to the host and link-local addresses.</summary>
    Allow,
}

/// <summary>
/// A workload's networking on its pool's own network: <c>x-boilerhouse.network.egress</c> and the compose
/// <c>dns</c> servers. Egress defaults to <see cref="Egress.Deny"/> unless the workload publishes ports
/// (an internal network cannot be reached through published ports).
/// </summary>
public sealed record NetworkSpec(Egress Egress, IReadOnlyList<string> Dns)
{
    public static NetworkSpec Default { get; } = new(Egress.Deny, []);

    public static Egress DefaultEgress(bool publishesPorts) => publishesPorts ? Egress.Allow : Egress.Deny;
}
