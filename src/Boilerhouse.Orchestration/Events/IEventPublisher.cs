namespace Boilerhouse.Orchestration.Events;

/// <summary>
/// Publishes an event from where it happened. Never blocks and never throws: the event is queued and
/// delivered in the background, so a claim never waits on subscribers.
/// </summary>
public interface IEventPublisher
{
    /// <summary>Publishes <paramref name="type"/> (one of EventTypes) now; <paramref name="payload"/> is any JSON-serializable object.</summary>
    void Publish(string type, string? poolId = null, string? tenantId = null, string? containerId = null, string? hostId = null, object? payload = null);
}

/// <summary>Publishes nothing (tests of parts that have no event pipeline).</summary>
public sealed class NoEvents : IEventPublisher
{
    public static readonly NoEvents Instance = new();

    public void Publish(string type, string? poolId = null, string? tenantId = null, string? containerId = null, string? hostId = null, object? payload = null)
    {
    }
}
