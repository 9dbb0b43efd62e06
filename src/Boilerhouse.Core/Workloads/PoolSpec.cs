namespace Boilerhouse.Core.Workloads;

/// <summary>x-boilerhouse.pool: how many containers to keep warm, the most to run, and how long an idle tenant keeps its container.</summary>
public sealed record PoolSpec(int MinSize, int MaxSize, TimeSpan IdleTimeout);
