using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;

namespace Boilerhouse.Orchestration.Telemetry;

/// <summary>How many of a pool's containers are in each state (one pool, or several added up).</summary>
public sealed record PoolCounts(int Starting, int Warm, int Claimed, int Unhealthy, int Removing)
{
    public static readonly PoolCounts None = new(0, 0, 0, 0, 0);

    public int Total => Starting + Warm + Claimed + Unhealthy + Removing;

    /// <summary>Each state with its count, named as metrics and the stats API show them.</summary>
    public IEnumerable<(string State, int Count)> ByState() =>
    [
        ("starting", Starting), ("warm", Warm), ("claimed", Claimed), ("unhealthy", Unhealthy), ("removing", Removing),
    ];

    public static PoolCounts operator +(PoolCounts a, PoolCounts b) => new(
        a.Starting + b.Starting, a.Warm + b.Warm, a.Claimed + b.Claimed, a.Unhealthy + b.Unhealthy, a.Removing + b.Removing);

    internal static PoolCounts Of(IEnumerable<PoolMember> members)
    {
        int starting = 0, warm = 0, claimed = 0, unhealthy = 0, removing = 0;
        foreach (var member in members)
        {
            switch (member.Status)
            {
                case ContainerStatus.Starting: starting++; break;
                case ContainerStatus.Warm: warm++; break;
                case ContainerStatus.Claimed: claimed++; break;
                case ContainerStatus.Unhealthy: unhealthy++; break;
                case ContainerStatus.Removing: removing++; break;
            }
        }

        return new PoolCounts(starting, warm, claimed, unhealthy, removing);
    }
}
