using Boilerhouse.Core.Events;

namespace Boilerhouse.Orchestration.Events;

/// <summary>What a subscriber receives: an event, or a marker about events it did not get.</summary>
public readonly record struct EventFrame(BoilerhouseEvent? Event, EventMarker? Marker)
{
    public static implicit operator EventFrame(BoilerhouseEvent e) => new(e, null);

    public static implicit operator EventFrame(EventMarker m) => new(null, m);
}

/// <summary>
/// "skipped": the subscriber fell behind and <see cref="Count"/> events (ids <see cref="FromId"/> to
/// <see cref="ToId"/>) were dropped for it; "reset": its Last-Event-ID is no longer (or not) in the
/// recent buffer, so what follows is not a gap-free continuation.
/// </summary>
public sealed record EventMarker(string Type, string Message, long? Count = null, long? FromId = null, long? ToId = null, long? OldestId = null);
