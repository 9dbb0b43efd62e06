using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;

namespace Boilerhouse.Orchestration.Tests.Pools;

public sealed class PoolBookRolloutTests
{
    [Fact]
    public void RetireWarm_takes_every_warm_container_and_leaves_claimed_ones()
    {
        var pool = new PoolBookFixture(min: 2, max: 4);
        pool.Warm("w1");
        pool.Warm("w2");
        pool.Claimed("c1", "alice");

        var retired = pool.Book.RetireWarm();

        Assert.Equal(["w1", "w2"], retired.Select(m => m.Name));
        Assert.All(retired, m => Assert.Equal(ContainerStatus.Removing, m.Status));
        Assert.Empty(pool.Book.Warm);
        Assert.True(pool.Book.TryGet("c1", out var claimed) && claimed.Status == ContainerStatus.Claimed);
    }

    [Fact]
    public void Container_started_from_an_older_spec_is_removed_when_ready()
    {
        var pool = new PoolBookFixture(min: 1, max: 2);
        pool.Book.Generation = "old";
        pool.Book.AddStarting("s1");

        pool.Book.Generation = "new";
        var outcome = pool.Book.ContainerReady("s1", PoolBookFixture.HostA, PoolBookFixture.Info("s1"));

        Assert.Equal(ReadyVerdict.HostUnusable, outcome.Verdict);
        Assert.Empty(pool.Book.Warm);
    }

    [Fact]
    public void Paused_pool_starts_nothing_but_still_hands_out_warm_containers()
    {
        var pool = new PoolBookFixture(min: 2, max: 4);
        pool.Warm("w1");
        pool.Book.Paused = true;

        Assert.Equal(0, pool.Book.ContainersToStart());
        Assert.False(pool.Book.ShouldStartCold());
        Assert.NotNull(pool.Book.Take("alice", "claim-1"));
        Assert.Equal(Core.Errors.ErrorCodes.PoolExhausted, pool.Book.NothingWarm().ErrorCode);

        pool.Book.Paused = false;
        Assert.Equal(2, pool.Book.ContainersToStart());
    }

    [Fact]
    public void Resize_down_trims_warm_beyond_min_size_at_once()
    {
        var pool = new PoolBookFixture(min: 3, max: 5);
        pool.Warm("w1");
        pool.Warm("w2");
        pool.Warm("w3");

        pool.Book.Resize(new PoolSpec(1, 5, TimeSpan.FromMinutes(5)));
        var trimmed = pool.Book.TrimToSize();

        Assert.Equal(["w1", "w2"], trimmed.Select(m => m.Name));
        Assert.Equal(["w3"], pool.Book.Warm);
        Assert.Equal(0, pool.Book.ContainersToStart());
    }

    [Fact]
    public void Resize_up_starts_up_to_the_new_min_size()
    {
        var pool = new PoolBookFixture(min: 1, max: 2);
        pool.Warm("w1");

        pool.Book.Resize(new PoolSpec(4, 6, TimeSpan.FromMinutes(5)));

        Assert.Equal(3, pool.Book.ContainersToStart());
    }
}
