namespace Boilerhouse.Client.Models;

/// <summary>A released tenant: its state was saved and its container destroyed.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="PoolId">The pool the container came from.</param>
/// <param name="ContainerId">The destroyed container.</param>
/// <param name="ReleasedAt">When the release finished.</param>
/// <param name="InstanceId">The release orchestration.</param>
public sealed record ReleaseResult(string TenantId, string PoolId, string ContainerId, DateTimeOffset ReleasedAt, string InstanceId);
