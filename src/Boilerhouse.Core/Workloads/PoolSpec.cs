namespace Boilerhouse.Core.Workloads;

/// <summary>x-boilerhouse.pool: how many containers to keep warm and the most to run.</summary>
public sealed record PoolSpec(int MinSize, int MaxSize, TimeSpan IdleTimeout);
