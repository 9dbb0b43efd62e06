using Boilerhouse.Core.Events;
using Boilerhouse.Orchestration.Events;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Tests.Events;

public sealed class EventFeedTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static EventFeed Feed(int buffer = 100, int queue = 100) =>
        new(Options.Create(new EventOptions { BufferSize = buffer, SubscriberQueueSize = queue }));

    [Fact]
    public async Task Subscriber_receives_only_events_its_filter_matches()
    {
        var feed = Feed();
        using var subscription = feed.Subscribe(EventFilter.Parse("container.*", null, "t-1"), null);

        await feed.OnEventsAsync([
            TestEvents.Numbered(1),
            TestEvents.Numbered(2, EventTypes.PoolScaled, tenantId: null),
            TestEvents.Numbered(3, tenantId: "t-2"),
            TestEvents.Numbered(4, EventTypes.ContainerReleased),
        ]);

        var frames = await subscription.Queue.ReadAsync(Wait, CancellationToken.None);
        Assert.Equal([1L, 4L], frames.Select(f => f.Event!.Id));
    }

    [Fact]
    public async Task Resume_replays_exactly_the_buffered_events_after_the_id_then_goes_live()
    {
        var feed = Feed();
        await feed.OnEventsAsync(TestEvents.Range(1, 5));

        using var subscription = feed.Subscribe(EventFilter.Everything, 3);
        await feed.OnEventsAsync(TestEvents.Range(6, 7));

        Assert.Equal([4L, 5L], subscription.Backlog.Select(f => f.Event!.Id));
        var live = await subscription.Queue.ReadAsync(Wait, CancellationToken.None);
        Assert.Equal([6L, 7L], live.Select(f => f.Event!.Id));
    }

    [Fact]
    public async Task Resume_from_an_id_no_longer_buffered_starts_with_a_reset_marker()
    {
        var feed = Feed(buffer: 3);
        await feed.OnEventsAsync(TestEvents.Range(1, 10));

        using var subscription = feed.Subscribe(EventFilter.Everything, 2);

        var marker = subscription.Backlog[0].Marker!;
        Assert.Equal(EventTypes.Reset, marker.Type);
        Assert.Equal(8, marker.OldestId);
        Assert.Equal([8L, 9L, 10L], subscription.Backlog.Skip(1).Select(f => f.Event!.Id));
    }

    [Fact]
    public async Task Tenant_scope_hides_events_of_other_tenants_and_of_no_tenant()
    {
        var feed = Feed();
        using var subscription = feed.Subscribe(EventFilter.Parse(null, null, null, t => t.StartsWith("acme-", StringComparison.Ordinal)), null);

        await feed.OnEventsAsync([
            TestEvents.Numbered(1, tenantId: "acme-1"),
            TestEvents.Numbered(2, tenantId: "other"),
            TestEvents.Numbered(3, EventTypes.PoolScaled, tenantId: null),
        ]);

        var frames = await subscription.Queue.ReadAsync(Wait, CancellationToken.None);
        Assert.Equal([1L], frames.Select(f => f.Event!.Id));
        Assert.Equal([1L], feed.Recent(EventFilter.Parse(null, null, null, t => t.StartsWith("acme-", StringComparison.Ordinal)), null, 100).Select(e => e.Id));
    }

    [Fact]
    public async Task Unsubscribed_subscriber_receives_nothing_more()
    {
        var feed = Feed();
        var subscription = feed.Subscribe(EventFilter.Everything, null);
        subscription.Dispose();

        await feed.OnEventsAsync(TestEvents.Range(1, 2));

        Assert.Empty(await subscription.Queue.ReadAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None));
    }

    [Fact]
    public async Task Recent_returns_the_newest_matching_events_up_to_the_limit()
    {
        var feed = Feed();
        await feed.OnEventsAsync(TestEvents.Range(1, 10));

        Assert.Equal([8L, 9L, 10L], feed.Recent(EventFilter.Everything, null, 3).Select(e => e.Id));
        Assert.Equal([9L, 10L], feed.Recent(EventFilter.Everything, 8, 100).Select(e => e.Id));
    }
}
