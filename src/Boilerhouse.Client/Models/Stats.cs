namespace Boilerhouse.Client.Models;

/// <summary>The installation at a glance: pools, containers by state, tenants, and what ended in the last hour.</summary>
/// <param name="Pools">How many pools.</param>
/// <param name="Containers">Containers of every pool, by state.</param>
/// <param name="Tenants">Tenants holding a container, by status.</param>
/// <param name="LastHour">Claims, releases and syncs that ended in the last hour (counted by this server process since it started).</param>
/// <param name="ByPool">Containers by state, per pool.</param>
public sealed record ServerStats(int Pools, ContainerCounts Containers, TenantCounts Tenants, RecentOutcomes LastHour, IReadOnlyList<PoolContainerCounts> ByPool);

/// <summary>Containers in each state.</summary>
/// <param name="Starting">Being created.</param>
/// <param name="Warm">Ready to claim.</param>
/// <param name="Claimed">Held by tenants.</param>
/// <param name="Unhealthy">Failed and being replaced.</param>
/// <param name="Removing">Being removed.</param>
/// <param name="Total">All of them.</param>
public sealed record ContainerCounts(int Starting, int Warm, int Claimed, int Unhealthy, int Removing, int Total);

/// <summary>One pool's containers by state.</summary>
/// <param name="PoolId">The pool.</param>
/// <param name="Containers">Its containers by state.</param>
public sealed record PoolContainerCounts(string PoolId, ContainerCounts Containers);

/// <summary>Tenants by status.</summary>
/// <param name="Claimed">Holding a container.</param>
/// <param name="Releasing">Giving one back.</param>
/// <param name="Lost">Whose container vanished.</param>
public sealed record TenantCounts(int Claimed, int Releasing, int Lost);

/// <summary>What ended recently.</summary>
/// <param name="Since">The start of the window (the server's start when that is later than an hour ago).</param>
/// <param name="Claims">Claims.</param>
/// <param name="Releases">Releases.</param>
/// <param name="Syncs">Sync runs.</param>
public sealed record RecentOutcomes(DateTimeOffset Since, OutcomeCounts Claims, OutcomeCounts Releases, OutcomeCounts Syncs);

/// <summary>Ended runs by outcome.</summary>
/// <param name="Total">All that ended.</param>
/// <param name="Succeeded">Succeeded.</param>
/// <param name="Failed">Failed.</param>
/// <param name="Terminated">Terminated (not counted as errors).</param>
/// <param name="ErrorRate">Failed / Total; 0 when none ended.</param>
public sealed record OutcomeCounts(int Total, int Succeeded, int Failed, int Terminated, double ErrorRate);
