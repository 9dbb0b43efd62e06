namespace Boilerhouse.Client.Models;

/// <summary>A released tenant: its state was saved (unless skipped on purpose) and its container destroyed.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="PoolId">The pool the container came from.</param>
/// <param name="ContainerId">The destroyed container.</param>
/// <param name="ReleasedAt">When the release finished.</param>
/// <param name="InstanceId">The release orchestration.</param>
/// <param name="SyncSkipped">True when the release did not save the tenant's state (<see cref="ReleaseOptions.Sync"/> false).</param>
public sealed record ReleaseResult(string TenantId, string PoolId, string ContainerId, DateTimeOffset ReleasedAt, string InstanceId, bool SyncSkipped = false);

/// <summary>How a release goes.</summary>
public sealed record ReleaseOptions
{
    /// <summary>False skips saving the tenant's state before the container is destroyed (the state is lost on purpose); default true.</summary>
    public bool Sync { get; init; } = true;

    /// <summary>Makes retries of this release one release; generated per call when null.</summary>
    public string? IdempotencyKey { get; init; }
}
