using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;

namespace Boilerhouse.Orchestration.Tests.Pools;

public sealed class PoolBookRefillTests
{
    [Fact]
    public void Refill_of_an_empty_pool_starts_min_size()
    {
        var pool = new PoolBookFixture(min: 3, max: 5);

        Assert.Equal(3, pool.Book.ContainersToStart());
    }

    [Fact]
    public void Refill_starts_nothing_before_the_pool_is_reconciled()
    {
        var pool = new PoolBookFixture(min: 3, max: 5, reconciled: false);

        Assert.Equal(0, pool.Book.ContainersToStart());
    }

    [Fact]
    public void Refill_counts_containers_still_starting()
    {
        var pool = new PoolBookFixture(min: 3, max: 5);
        pool.Book.AddStarting("s1");
        pool.Book.AddStarting("s2");

        Assert.Equal(1, pool.Book.ContainersToStart());
    }

    [Fact]
    public void Refill_counts_warm_containers()
    {
        var pool = new PoolBookFixture(min: 3, max: 5);
        pool.Warm("w1");
        pool.Warm("w2");
        pool.Warm("w3");

        Assert.Equal(0, pool.Book.ContainersToStart());
    }

    [Fact]
    public void Refill_replaces_claimed_containers_up_to_max_size()
    {
        var pool = new PoolBookFixture(min: 2, max: 3);
        pool.Claimed("c1", "t1");
        pool.Claimed("c2", "t2");

        // min_size wants two more warm, max_size leaves room for one.
        Assert.Equal(1, pool.Book.ContainersToStart());
    }

    [Fact]
    public void Refill_starts_nothing_at_max_size()
    {
        var pool = new PoolBookFixture(min: 2, max: 2);
        pool.Claimed("c1", "t1");
        pool.Claimed("c2", "t2");

        Assert.Equal(0, pool.Book.ContainersToStart());
    }

    [Fact]
    public void Refill_is_never_negative_above_min_size()
    {
        var pool = new PoolBookFixture(min: 1, max: 5);
        pool.Warm("w1");
        pool.Warm("w2");
        pool.Warm("w3");

        Assert.Equal(0, pool.Book.ContainersToStart());
    }

    [Fact]
    public void Containers_being_removed_still_count_toward_max_size()
    {
        var pool = new PoolBookFixture(min: 2, max: 2);
        pool.Warm("w1");
        pool.Warm("w2");
        pool.Book.Retire("w1", ContainerStatus.Removing);
        pool.Book.Retire("w2", ContainerStatus.Unhealthy);

        Assert.Equal(0, pool.Book.ContainersToStart());

        pool.Book.Remove("w1");
        Assert.Equal(1, pool.Book.ContainersToStart());
    }

    [Theory]
    [InlineData(HostCondition.Draining)]
    [InlineData(HostCondition.Unhealthy)]
    public void Warm_containers_on_a_host_that_cannot_keep_them_are_replaced_elsewhere(HostCondition condition)
    {
        var pool = new PoolBookFixture(min: 2, max: 4);
        pool.Warm("w1", PoolBookFixture.HostA);
        pool.Warm("w2", PoolBookFixture.HostB);
        pool.SetHost(PoolBookFixture.HostA, condition);

        Assert.Equal(1, pool.Book.ContainersToStart());
    }

    [Fact]
    public void Warm_containers_on_a_suspect_host_still_count()
    {
        var pool = new PoolBookFixture(min: 2, max: 4);
        pool.Warm("w1", PoolBookFixture.HostA);
        pool.Warm("w2", PoolBookFixture.HostB);
        pool.SetHost(PoolBookFixture.HostA, HostCondition.Suspect);

        Assert.Equal(0, pool.Book.ContainersToStart());
    }

    [Fact]
    public void Refill_under_concurrent_takes_never_passes_max_size()
    {
        var pool = new PoolBookFixture(min: 3, max: 5);
        pool.Warm("w1");
        pool.Warm("w2");
        pool.Warm("w3");

        // A burst of three claims before the refill runs: all warm containers are taken.
        Assert.NotNull(pool.Book.Take("t1", "i1"));
        Assert.NotNull(pool.Book.Take("t2", "i2"));
        Assert.NotNull(pool.Book.Take("t3", "i3"));
        Assert.Null(pool.Book.Take("t4", "i4"));

        // min_size wants three, but three claimed leave room for two.
        var wanted = pool.Book.ContainersToStart();
        Assert.Equal(2, wanted);
        for (var i = 0; i < wanted; i++)
        {
            pool.Book.AddStarting($"s{i}");
        }

        // A claim arriving while they start must not start more.
        Assert.Equal(0, pool.Book.ContainersToStart());
        Assert.False(pool.Book.ShouldStartCold());
        Assert.Equal(pool.Book.Sizing.MaxSize, pool.Book.Members.Count);
        Assert.Equal(TakeResult.Warming, pool.Book.NothingWarm());
    }

    [Fact]
    public void Refill_after_interleaved_takes_and_ready_reports_keeps_min_size_warm_or_starting()
    {
        var pool = new PoolBookFixture(min: 2, max: 10);
        for (var round = 0; round < 5; round++)
        {
            var wanted = pool.Book.ContainersToStart();
            var started = Enumerable.Range(0, wanted).Select(i => $"r{round}-{i}").ToList();
            started.ForEach(name => pool.Book.AddStarting(name));

            // One take arrives before the new containers are ready, then they report in.
            pool.Book.Take($"t{round}", $"i{round}");
            started.ForEach(name => pool.Book.ContainerReady(name, PoolBookFixture.HostA, PoolBookFixture.Info(name)));

            var warmOrStarting = pool.Book.Members.Count(m => m.Status is ContainerStatus.Warm or ContainerStatus.Starting);
            Assert.Equal(2, warmOrStarting + pool.Book.ContainersToStart());
        }

        Assert.Equal(4, pool.Book.Members.Count(m => m.Status == ContainerStatus.Claimed));
    }

    [Fact]
    public void Refill_waits_out_the_backoff_after_a_failed_create()
    {
        var pool = new PoolBookFixture(min: 2, max: 2);
        pool.Book.AddStarting("s1");
        pool.Book.ContainerFailed("s1", PoolBookFixture.HostA, "image not found", out _);
        pool.Book.Remove("s1");

        Assert.Equal(0, pool.Book.ContainersToStart());

        pool.Clock.Advance(PoolBackoff.First);
        Assert.Equal(2, pool.Book.ContainersToStart());
    }

    [Fact]
    public void Refill_pauses_while_no_host_has_room_and_resumes_after_the_pause()
    {
        var pool = new PoolBookFixture(min: 2, max: 2);
        pool.Book.AddStarting("s1");
        pool.Book.ContainerUnplaced("s1", "NO_HOST_CAPACITY", "no host has room");

        Assert.Empty(pool.Book.Members);
        Assert.Equal(0, pool.Book.ContainersToStart());

        pool.Clock.Advance(PoolBook.NoRoomPause);
        Assert.Equal(2, pool.Book.ContainersToStart());
    }

    [Fact]
    public void Cold_start_is_allowed_only_with_room_and_nothing_starting()
    {
        var pool = new PoolBookFixture(min: 0, max: 1);
        Assert.True(pool.Book.ShouldStartCold());

        pool.Book.AddStarting("s1");
        Assert.False(pool.Book.ShouldStartCold());

        pool.Book.ContainerReady("s1", PoolBookFixture.HostA, PoolBookFixture.Info("s1"));
        pool.Book.Take("t1", "i1");
        Assert.False(pool.Book.ShouldStartCold());
    }

    [Fact]
    public void Cold_start_waits_out_backoff_and_a_no_room_pause()
    {
        var pool = new PoolBookFixture(min: 0, max: 3);
        pool.Book.AddStarting("s1");
        pool.Book.ContainerFailed("s1", null, "boom", out _);
        pool.Book.Remove("s1");
        Assert.False(pool.Book.ShouldStartCold());

        pool.Clock.Advance(PoolBackoff.First);
        Assert.True(pool.Book.ShouldStartCold());

        pool.Book.AddStarting("s2");
        pool.Book.ContainerUnplaced("s2", "NO_HOST_CAPACITY", "full");
        Assert.False(pool.Book.ShouldStartCold());

        pool.Clock.Advance(PoolBook.NoRoomPause);
        Assert.True(pool.Book.ShouldStartCold());
    }

    [Fact]
    public void Waiting_claims_get_one_container_started_each_beyond_what_is_coming_up_to_max_size()
    {
        var pool = new PoolBookFixture(min: 1, max: 4);
        pool.Warm("c1");
        pool.Book.AddStarting("c2");

        // Three waiting: one served by c1, one by c2, one more to start
        Assert.Equal(1, pool.Book.ColdStartsFor(3));
        // Ten waiting: never past max_size (4 members)
        Assert.Equal(2, pool.Book.ColdStartsFor(10));
        Assert.Equal(0, pool.Book.ColdStartsFor(0));

        pool.Book.Paused = true;
        Assert.Equal(0, pool.Book.ColdStartsFor(3));
    }
}
