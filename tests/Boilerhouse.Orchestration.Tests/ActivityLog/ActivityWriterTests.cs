using Boilerhouse.Core.Events;
using Boilerhouse.Orchestration.ActivityLog;
using Boilerhouse.Orchestration.Events;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Boilerhouse.Orchestration.Tests.ActivityLog;

public sealed class ActivityWriterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private SqliteActivity _db = null!;

    public async Task InitializeAsync() => _db = await SqliteActivity.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static BoilerhouseEvent Event(long id, string type, string tenant = "abc", DateTimeOffset? time = null) =>
        BoilerhouseEvent.Draft(type, time ?? Now, "web", tenant, "cid-" + id, "local", new { containerName = "c-" + id }) with { Id = id };

    private static ActivityQuery Newest(int top = 100) => new(null, null, null, null, null, null, null, top);

    [Fact]
    public void Entries_keep_only_events_worth_telling_with_their_ids_and_sentences()
    {
        var entries = ActivityWriter.Entries([
            Event(1, EventTypes.ContainerCreated), Event(2, EventTypes.ContainerClaimed),
            new EventMarker(EventTypes.Skipped, "fell behind", 3), Event(4, EventTypes.ContainerReleased),
        ]);

        Assert.Equal([2L, 4L], entries.Select(e => e.Id));
        Assert.Equal("tenant abc claimed container c-2 (pool web)", entries[0].Sentence);
        Assert.Equal(("web", "abc", "cid-4", "local"), (entries[1].PoolId, entries[1].TenantId, entries[1].ContainerId, entries[1].HostId));
    }

    [Fact]
    public async Task AddAsync_same_event_twice_stores_it_once()
    {
        // Given two silos that both write the same batch
        var batch = ActivityWriter.Entries([Event(10, EventTypes.ContainerClaimed), Event(11, EventTypes.ContainerReleased)]);
        await _db.Store.AddAsync(batch, CancellationToken.None);

        // When the second writes it again, with one more event
        await _db.Store.AddAsync([.. ActivityWriter.Entries([Event(12, EventTypes.ContainerDestroyed)]), .. batch], CancellationToken.None);

        // Then each event is there once
        var stored = await _db.Store.QueryAsync(Newest(), CancellationToken.None);
        Assert.Equal([12L, 11L, 10L], stored.Select(e => e.Id));
    }

    [Fact]
    public async Task Writer_stores_the_feeds_told_events_in_order()
    {
        // Given a writer subscribed to a feed
        var feed = new EventFeed(Options.Create(new EventOptions { BufferSize = 100, SubscriberQueueSize = 1 }));
        var writer = new ActivityWriter(feed, _db.Store, Options.Create(new ActivityOptions()), TimeProvider.System, NullLogger<ActivityWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        try
        {
            // When the feed receives events, more than the SSE queue size of 1 at once
            await writer.Subscribed.WaitAsync(TimeSpan.FromSeconds(90));
            await feed.OnEventsAsync([Event(21, EventTypes.ContainerCreated), Event(22, EventTypes.ContainerClaimed), Event(23, EventTypes.SyncStarted)]);
            await feed.OnEventsAsync([Event(24, EventTypes.ContainerReleased), Event(25, EventTypes.ContainerDestroyed)]);

            // Then the told ones are stored, none skipped
            var stored = await WaitForAsync(3);
            Assert.Equal([25L, 24L, 22L], stored.Select(e => e.Id));
            Assert.Equal("tenant abc released container c-24 (pool web)", stored[1].Sentence);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Writer_stores_what_arrived_before_it_stops()
    {
        var feed = new EventFeed(Options.Create(new EventOptions()));
        var writer = new ActivityWriter(feed, _db.Store, Options.Create(new ActivityOptions()), TimeProvider.System, NullLogger<ActivityWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        await writer.Subscribed.WaitAsync(TimeSpan.FromSeconds(90));

        await feed.OnEventsAsync([Event(51, EventTypes.ContainerClaimed)]);
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal([51L], (await _db.Store.QueryAsync(Newest(), CancellationToken.None)).Select(e => e.Id));
    }

    [Fact]
    public async Task PurgeExpiredAsync_deletes_only_entries_older_than_the_retention()
    {
        // Given entries of 10 days, 6 days and 1 minute ago, with a 7-day retention
        var clock = new FakeTimeProvider(Now);
        await _db.Store.AddAsync(ActivityWriter.Entries([
            Event(31, EventTypes.ContainerClaimed, time: Now.AddDays(-10)),
            Event(32, EventTypes.ContainerClaimed, time: Now.AddDays(-6)),
            Event(33, EventTypes.ContainerClaimed, time: Now.AddMinutes(-1)),
        ]), CancellationToken.None);
        var writer = new ActivityWriter(
            new EventFeed(Options.Create(new EventOptions())), _db.Store, Options.Create(new ActivityOptions { Retention = TimeSpan.FromDays(7) }),
            clock, NullLogger<ActivityWriter>.Instance);

        // When the writer purges
        var deleted = await writer.PurgeExpiredAsync(CancellationToken.None);

        // Then only the 10-day-old entry is gone
        Assert.Equal(1, deleted);
        Assert.Equal([33L, 32L], (await _db.Store.QueryAsync(Newest(), CancellationToken.None)).Select(e => e.Id));
    }

    [Fact]
    public async Task QueryAsync_filters_by_type_family_and_tenant_scope_and_pages()
    {
        await _db.Store.AddAsync(ActivityWriter.Entries([
            Event(41, EventTypes.ContainerClaimed, "acme-1"), Event(42, EventTypes.SyncFailed, "acme-2"),
            Event(43, EventTypes.ContainerReleased, "other"), Event(44, EventTypes.ContainerReleased, "acme-1"),
        ]), CancellationToken.None);

        var scoped = await _db.Store.QueryAsync(Newest() with { TenantScope = ["acme-*"] }, CancellationToken.None);
        var containers = await _db.Store.QueryAsync(Newest() with { Types = ["container.*"], TenantScope = ["acme-1", "other"] }, CancellationToken.None);
        var firstPage = await _db.Store.QueryAsync(Newest(2), CancellationToken.None);
        var secondPage = await _db.Store.QueryAsync(Newest(2) with { BeforeId = firstPage[^1].Id }, CancellationToken.None);

        Assert.Equal([44L, 42L, 41L], scoped.Select(e => e.Id));
        Assert.Equal([44L, 43L, 41L], containers.Select(e => e.Id));
        Assert.Equal([44L, 43L], firstPage.Select(e => e.Id));
        Assert.Equal([42L, 41L], secondPage.Select(e => e.Id));
    }

    private async Task<IReadOnlyList<ActivityRecord>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var stored = await _db.Store.QueryAsync(Newest(), CancellationToken.None);
            if (stored.Count >= count)
            {
                return stored;
            }

            Assert.True(DateTime.UtcNow < deadline, $"only {stored.Count} of {count} entries were stored");
            await Task.Delay(50);
        }
    }
}
