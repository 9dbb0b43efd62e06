using Boilerhouse.Core.Events;
using Boilerhouse.Orchestration.Events;

namespace Boilerhouse.Orchestration.Tests.Events;

public sealed class SubscriberQueueTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Read_returns_what_was_offered_in_order()
    {
        var queue = new SubscriberQueue(10);
        foreach (var e in TestEvents.Range(1, 3))
        {
            queue.Offer(e);
        }

        var frames = await queue.ReadAsync(Wait, CancellationToken.None);

        Assert.Equal([1L, 2L, 3L], frames.Select(f => f.Event!.Id));
    }

    [Fact]
    public async Task Full_queue_skips_ahead_and_reads_a_skipped_marker_first()
    {
        var queue = new SubscriberQueue(3);
        foreach (var e in TestEvents.Range(1, 8))
        {
            queue.Offer(e);
        }

        var frames = await queue.ReadAsync(Wait, CancellationToken.None);

        // 1-3 dropped when 4 came, 4-6 when 7 came: 7 and 8 remain.
        var marker = frames[0].Marker!;
        Assert.Equal(EventTypes.Skipped, marker.Type);
        Assert.Equal(6, marker.Count);
        Assert.Equal(1, marker.FromId);
        Assert.Equal(6, marker.ToId);
        Assert.Equal([7L, 8L], frames.Skip(1).Select(f => f.Event!.Id));
    }

    [Fact]
    public async Task Offer_never_waits_for_a_reader()
    {
        var queue = new SubscriberQueue(2);

        // A subscriber that never reads: offering many events completes at once and keeps at most the bound.
        foreach (var e in TestEvents.Range(1, 10_000))
        {
            queue.Offer(e);
        }

        var frames = await queue.ReadAsync(Wait, CancellationToken.None);
        Assert.True(frames.Count(f => f.Event is not null) <= 2);
        Assert.Equal(10_000, frames[0].Marker!.Count + frames.Count(f => f.Event is not null));
    }

    [Fact]
    public async Task Marker_is_sent_once_then_reading_goes_on()
    {
        var queue = new SubscriberQueue(1);
        queue.Offer(TestEvents.Numbered(1));
        queue.Offer(TestEvents.Numbered(2));
        await queue.ReadAsync(Wait, CancellationToken.None);

        queue.Offer(TestEvents.Numbered(3));
        var frames = await queue.ReadAsync(Wait, CancellationToken.None);

        Assert.Equal([3L], frames.Select(f => f.Event!.Id));
    }

    [Fact]
    public async Task Read_waits_for_the_next_offer()
    {
        var queue = new SubscriberQueue(10);
        var reading = queue.ReadAsync(Wait, CancellationToken.None);
        Assert.False(reading.IsCompleted);

        queue.Offer(TestEvents.Numbered(5));

        Assert.Equal(5, (await reading).Single().Event!.Id);
    }

    [Fact]
    public async Task Read_with_nothing_offered_returns_empty_after_its_wait()
    {
        var queue = new SubscriberQueue(10);

        Assert.Empty(await queue.ReadAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None));
    }
}
