namespace Boilerhouse.Orchestration.Events;

/// <summary>How many recent events each host keeps for resume, and how far one subscriber may fall behind.</summary>
public sealed class EventOptions
{
    /// <summary>Recent events kept in memory for Last-Event-ID resume and the JSON listing.</summary>
    public int BufferSize { get; set; } = 10_000;

    /// <summary>Events queued for one subscriber; past this a slow subscriber skips ahead (a "skipped" marker says how many).</summary>
    public int SubscriberQueueSize { get; set; } = 1_000;

    /// <summary>Events waiting to be sent to the event hub; past this new events are dropped (and logged), never waited for.</summary>
    public int OutboxSize { get; set; } = 100_000;
}
