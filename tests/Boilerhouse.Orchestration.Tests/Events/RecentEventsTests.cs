using Boilerhouse.Orchestration.Events;

namespace Boilerhouse.Orchestration.Tests.Events;

public sealed class RecentEventsTests
{
    [Fact]
    public void Buffer_keeps_only_the_newest_events_up_to_its_capacity()
    {
        var recent = new RecentEvents(3);
        foreach (var e in TestEvents.Range(1, 5))
        {
            recent.Append(e);
        }

        Assert.Equal([3L, 4L, 5L], recent.All.Select(e => e.Id));
        Assert.Equal(3, recent.OldestId);
    }

    [Fact]
    public void After_a_buffered_id_returns_exactly_the_later_events_as_complete()
    {
        var recent = new RecentEvents(10);
        TestEvents.Range(1, 6).ForEach(recent.Append);

        var (events, complete) = recent.After(4);

        Assert.True(complete);
        Assert.Equal([5L, 6L], events.Select(e => e.Id));
    }

    [Fact]
    public void After_an_id_older_than_the_buffer_is_not_complete()
    {
        var recent = new RecentEvents(3);
        TestEvents.Range(1, 6).ForEach(recent.Append);

        var (events, complete) = recent.After(2);

        Assert.False(complete);
        Assert.Equal([4L, 5L, 6L], events.Select(e => e.Id));
    }

    [Fact]
    public void After_an_unknown_id_is_not_complete()
    {
        var recent = new RecentEvents(10);
        TestEvents.Range(1, 3).ForEach(recent.Append);

        Assert.False(recent.After(99).Complete);
        Assert.False(new RecentEvents(10).After(1).Complete);
    }
}
