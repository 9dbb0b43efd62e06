namespace Boilerhouse.Orchestration.Sync;

/// <summary>The tenant container a sync run works on.</summary>
public sealed record SyncTarget(string TenantId, string PoolId, string ContainerName, string ContainerId);
