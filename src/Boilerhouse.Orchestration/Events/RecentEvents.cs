using Boilerhouse.Core.Events;

namespace Boilerhouse.Orchestration.Events;

/// <summary>The last <c>capacity</c> events in id order, for resume; not thread-safe (the feed locks).</summary>
public sealed class RecentEvents(int capacity)
{
    private readonly Queue<BoilerhouseEvent> _events = new();

    public int Count => _events.Count;

    public long? OldestId => _events.TryPeek(out var oldest) ? oldest.Id : null;

    public IReadOnlyList<BoilerhouseEvent> All => [.. _events];

    public void Append(BoilerhouseEvent e)
    {
        if (_events.Count >= capacity)
        {
            _events.Dequeue();
        }

        _events.Enqueue(e);
    }

    /// <summary>
    /// The events after <paramref name="lastEventId"/>; Complete is false when that id is not in the
    /// buffer (older than its oldest event, or unknown), so events may be missing before these.
    /// </summary>
    public (IReadOnlyList<BoilerhouseEvent> Events, bool Complete) After(long lastEventId)
    {
        var complete = _events.Any(e => e.Id == lastEventId);
        return ([.. _events.Where(e => e.Id > lastEventId)], complete);
    }
}
