using Boilerhouse.Core.Events;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Events;

/// <summary>
/// This silo's end of the event hub: keeps the recent buffer and hands every numbered event to the
/// subscribers (SSE, WebSocket) whose filter it matches. A subscription and its replay from the
/// buffer are taken under one lock, so a resumed subscriber misses nothing and gets nothing twice.
/// </summary>
public sealed class EventFeed(IOptions<EventOptions> options) : IEventObserver
{
    private readonly Lock _gate = new();
    private readonly RecentEvents _recent = new(options.Value.BufferSize);
    private readonly List<EventSubscription> _subscribers = [];

    public int BufferSize => options.Value.BufferSize;

    public Task OnEventsAsync(IReadOnlyList<BoilerhouseEvent> events)
    {
        lock (_gate)
        {
            foreach (var e in events)
            {
                _recent.Append(e);
                foreach (var subscriber in _subscribers)
                {
                    if (subscriber.Filter.Matches(e))
                    {
                        subscriber.Queue.Offer(e);
                    }
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The buffered events that match, oldest first, after <paramref name="lastEventId"/> when given; at most <paramref name="limit"/> (the newest).</summary>
    public IReadOnlyList<BoilerhouseEvent> Recent(EventFilter filter, long? lastEventId, int limit)
    {
        lock (_gate)
        {
            var matching = _recent.All.Where(e => filter.Matches(e) && (lastEventId is null || e.Id > lastEventId)).ToList();
            return matching.Count > limit ? matching.GetRange(matching.Count - limit, limit) : matching;
        }
    }

    /// <summary>
    /// Subscribes from now on, or from after <paramref name="lastEventId"/>: the backlog holds the
    /// buffered events since then, behind a "reset" marker when that id is no longer buffered.
    /// <paramref name="queueSize"/> overrides the configured per-subscriber queue (the activity log wants a deeper one).
    /// </summary>
    public EventSubscription Subscribe(EventFilter filter, long? lastEventId, int? queueSize = null)
    {
        lock (_gate)
        {
            var backlog = new List<EventFrame>();
            if (lastEventId is { } after)
            {
                var (events, complete) = _recent.After(after);
                if (!complete)
                {
                    backlog.Add(new EventMarker(EventTypes.Reset,
                        $"Event {after} is not in the recent buffer (the last {BufferSize} events): events may have been missed; what follows is every buffered event after it.",
                        OldestId: _recent.OldestId));
                }

                backlog.AddRange(events.Where(filter.Matches).Select(e => (EventFrame)e));
            }

            var subscription = new EventSubscription(this, filter, new SubscriberQueue(queueSize ?? options.Value.SubscriberQueueSize), backlog);
            _subscribers.Add(subscription);
            return subscription;
        }
    }

    internal void Unsubscribe(EventSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }
}

/// <summary>A live subscription: first its backlog, then what its queue receives. Dispose to end it.</summary>
public sealed class EventSubscription(EventFeed feed, EventFilter filter, SubscriberQueue queue, IReadOnlyList<EventFrame> backlog) : IDisposable
{
    public EventFilter Filter => filter;

    public SubscriberQueue Queue => queue;

    /// <summary>Buffered frames to send before anything from the queue (resume).</summary>
    public IReadOnlyList<EventFrame> Backlog => backlog;

    public void Dispose() => feed.Unsubscribe(this);
}
