using Boilerhouse.Core.Events;

namespace Boilerhouse.Orchestration.Events;

/// <summary>
/// One subscriber's bounded queue. Offering never waits: when the queue is full its backlog is
/// dropped (the subscriber skips ahead to the newest events) and the next read starts with a
/// "skipped" marker saying how many events, and which ids, it missed.
/// </summary>
public sealed class SubscriberQueue(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Queue<BoilerhouseEvent> _events = new();
    private long _skipped;
    private long _skippedFrom;
    private long _skippedTo;
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Offer(BoilerhouseEvent e)
    {
        lock (_gate)
        {
            if (_events.Count >= capacity)
            {
                _skippedFrom = _skipped == 0 ? _events.Peek().Id : _skippedFrom;
                _skipped += _events.Count;
                _skippedTo = _events.Last().Id;
                _events.Clear();
            }

            _events.Enqueue(e);
            _ready.TrySetResult();
        }
    }

    /// <summary>Everything queued (a "skipped" marker first when events were dropped); empty when nothing came within <paramref name="wait"/>.</summary>
    public async Task<IReadOnlyList<EventFrame>> ReadAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        Task ready;
        lock (_gate)
        {
            ready = _ready.Task;
        }

        try
        {
            await ready.WaitAsync(wait, cancellationToken);
        }
        catch (TimeoutException)
        {
            return [];
        }

        lock (_gate)
        {
            var frames = new List<EventFrame>(_events.Count + 1);
            if (_skipped > 0)
            {
                frames.Add(new EventMarker(EventTypes.Skipped,
                    $"This subscriber fell behind: {_skipped} events were skipped; resume with Last-Event-ID to fetch them while they are still buffered.",
                    _skipped, _skippedFrom, _skippedTo));
                _skipped = 0;
            }

            while (_events.TryDequeue(out var e))
            {
                frames.Add(e);
            }

            _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return frames;
        }
    }
}
