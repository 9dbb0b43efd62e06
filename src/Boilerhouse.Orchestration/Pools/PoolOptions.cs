namespace Boilerhouse.Orchestration.Pools;

/// <summary>How pools warm containers (host-wide).</summary>
public sealed class PoolOptions
{
    /// <summary>Containers created at once on one Docker host, across all pools of this silo.</summary>
    public int MaxParallelCreates { get; set; } = 4;

    /// <summary>How long a new container may take to become healthy before it is written off.</summary>
    public TimeSpan HealthyTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a claim waits for a container when none is warm but the pool can still grow.</summary>
    public TimeSpan ClaimWaitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Names this Boilerhouse installation in container labels, so that two installations sharing a
    /// Docker engine never adopt or reap each other's containers.
    /// </summary>
    public string InstanceId { get; set; } = "default";

    /// <summary>How old a leftover (a volume without its container, an archive helper) must be before reaping treats it as abandoned.</summary>
    public TimeSpan LeftoverGrace { get; set; } = TimeSpan.FromMinutes(10);
}
