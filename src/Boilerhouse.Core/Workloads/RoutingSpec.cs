namespace Boilerhouse.Core.Workloads;

/// <summary>
/// x-boilerhouse.routing: how tenant traffic reaches a claimed container through Boilerhouse.
/// <see cref="Port"/> is the container port requests go to (null: the workload's only published port);
/// <see cref="Public"/> lets anyone through without a key or token; <see cref="ClaimOnRequest"/> makes
/// the first request of an unclaimed tenant claim a container.
/// </summary>
public sealed record RoutingSpec(int? Port, bool Public, bool ClaimOnRequest)
{
    public static readonly RoutingSpec Default = new(null, false, false);
}
