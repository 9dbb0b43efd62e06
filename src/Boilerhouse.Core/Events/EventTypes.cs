namespace Boilerhouse.Core.Events;

/// <summary>Every event type, declared once; filters are checked against this list.</summary>
public static class EventTypes
{
    public const string ContainerCreated = "container.created";
    public const string ContainerClaimed = "container.claimed";
    public const string ContainerReleased = "container.released";
    public const string ContainerDestroyed = "container.destroyed";
    public const string ContainerUnhealthy = "container.unhealthy";

    public const string SyncStarted = "sync.started";
    public const string SyncCompleted = "sync.completed";
    public const string SyncFailed = "sync.failed";

    public const string PoolScaled = "pool.scaled";
    public const string PoolWarning = "pool.warning";

    public const string OrchestrationStarted = "orchestration.started";
    public const string OrchestrationCompleted = "orchestration.completed";
    public const string OrchestrationFailed = "orchestration.failed";
    public const string OrchestrationTerminated = "orchestration.terminated";

    public const string HostUnhealthy = "host.unhealthy";
    public const string HostHealthy = "host.healthy";
    public const string HostCordoned = "host.cordoned";
    public const string HostDrained = "host.drained";

    public const string CommandFinished = "command.finished";

    /// <summary>Markers a subscriber may receive besides events (they carry no id).</summary>
    public const string Skipped = "skipped";
    public const string Reset = "reset";

    public static readonly IReadOnlyList<string> All =
    [
        ContainerCreated, ContainerClaimed, ContainerReleased, ContainerDestroyed, ContainerUnhealthy,
        SyncStarted, SyncCompleted, SyncFailed,
        PoolScaled, PoolWarning,
        OrchestrationStarted, OrchestrationCompleted, OrchestrationFailed, OrchestrationTerminated,
        HostUnhealthy, HostHealthy, HostCordoned, HostDrained,
        CommandFinished,
    ];
}
