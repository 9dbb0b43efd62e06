namespace Boilerhouse.Orchestration.Activities;

/// <summary>The container a release removes; Lost when it had vanished before the release began.</summary>
public sealed record ReleaseTarget(string PoolId, string ContainerName, string ContainerId, bool Lost = false);
