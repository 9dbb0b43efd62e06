using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;

namespace Boilerhouse.Orchestration.Tests.Pools;

public sealed class PoolBookHostTests
{
    [Fact]
    public void Host_conditions_default_to_ready_and_remember_the_previous_condition()
    {
        var hosts = new PoolHostConditions();
        Assert.Equal(HostCondition.Ready, hosts.Of("h1"));
        Assert.Equal(HostCondition.Ready, hosts.Of(null));

        Assert.Equal(HostCondition.Ready, hosts.Apply(new HostChange("h1", HostCondition.Unhealthy, "no answer")));
        Assert.Equal(HostCondition.Unhealthy, hosts.Apply(new HostChange("h1", HostCondition.Ready, null)));
        Assert.Equal(HostCondition.Ready, hosts.Of("h1"));
    }

    [Fact]
    public void Host_conditions_describe_the_hosts_that_are_unavailable()
    {
        var hosts = new PoolHostConditions();
        hosts.Apply(new HostChange("h1", HostCondition.Unhealthy, "connection refused"));
        hosts.Apply(new HostChange("h2", HostCondition.Ready, null));

        Assert.Equal("Docker host 'h1' is unavailable: connection refused", hosts.Describe());
        Assert.False(hosts.CanKeepWarm("h1"));
        Assert.True(hosts.CanKeepWarm("h2"));
    }

    [Fact]
    public void Host_going_down_writes_off_its_unclaimed_containers_and_keeps_claimed_ones()
    {
        var pool = new PoolBookFixture(min: 3, max: 5);
        pool.Warm("warm-a", PoolBookFixture.HostA);
        pool.Warm("warm-b", PoolBookFixture.HostB);
        pool.Claimed("claimed-a", "t1", PoolBookFixture.HostA);

        var gone = pool.Book.WriteOffHost(PoolBookFixture.HostA);

        Assert.Equal(["warm-a"], gone.Select(m => m.Name));
        Assert.Equal(["warm-b"], pool.Book.Warm);
        Assert.True(pool.Book.TryGet("claimed-a", out _));
        Assert.Equal(1, pool.Book.CountOn(PoolBookFixture.HostA));
    }

    [Fact]
    public void Draining_host_gives_up_only_its_warm_containers()
    {
        var pool = new PoolBookFixture(min: 3, max: 5);
        pool.Warm("warm-a", PoolBookFixture.HostA);
        pool.Warm("warm-b", PoolBookFixture.HostB);
        pool.Claimed("claimed-a", "t1", PoolBookFixture.HostA);

        var leaving = pool.Book.DrainHost(PoolBookFixture.HostA);

        Assert.Equal(["warm-a"], leaving.Select(m => m.Name));
        Assert.Equal(ContainerStatus.Removing, leaving[0].Status);
        Assert.Equal(["warm-b"], pool.Book.Warm);
        Assert.Equal(ContainerStatus.Claimed, pool.Book.Members.Single(m => m.Name == "claimed-a").Status);
    }

    [Fact]
    public void Idle_trim_removes_the_oldest_warm_containers_beyond_min_size_only()
    {
        var pool = new PoolBookFixture(min: 1, max: 5, idleTimeout: TimeSpan.FromMinutes(10));
        pool.Warm("w1");
        pool.Warm("w2");
        pool.Clock.Advance(TimeSpan.FromMinutes(5));
        pool.Warm("w3");
        pool.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var trimmed = pool.Book.TrimIdle();

        // w1 and w2 are idle past the timeout; w3 is not, and it keeps min_size warm anyway.
        Assert.Equal(["w1", "w2"], trimmed.Select(m => m.Name));
        Assert.All(trimmed, m => Assert.Equal(ContainerStatus.Removing, m.Status));
        Assert.Equal(["w3"], pool.Book.Warm);
    }

    [Fact]
    public void Idle_trim_keeps_containers_that_are_not_idle_long_enough()
    {
        var pool = new PoolBookFixture(min: 0, max: 5, idleTimeout: TimeSpan.FromMinutes(10));
        pool.Warm("w1");
        pool.Clock.Advance(TimeSpan.FromMinutes(9));

        Assert.Empty(pool.Book.TrimIdle());
        Assert.Equal(["w1"], pool.Book.Warm);
    }

    [Fact]
    public void Snapshot_counts_members_by_status_and_flags_containers_on_a_dead_host()
    {
        var pool = new PoolBookFixture(min: 2, max: 6);
        pool.Warm("w1", PoolBookFixture.HostA);
        pool.Warm("w2", PoolBookFixture.HostA);
        pool.Book.Retire("w2", ContainerStatus.Unhealthy);
        pool.Book.AddStarting("s1");
        pool.Claimed("c1", "t1", PoolBookFixture.HostB);
        pool.SetHost(PoolBookFixture.HostB, HostCondition.Unhealthy);

        var snapshot = pool.Book.Snapshot();

        Assert.Equal(("pool-t", 2, 6), (snapshot.PoolId, snapshot.MinSize, snapshot.MaxSize));
        Assert.Equal((1, 1, 1, 1), (snapshot.Warm, snapshot.Claimed, snapshot.Starting, snapshot.Unhealthy));
        Assert.True(snapshot.Containers.Single(c => c.Name == "c1").HostUnavailable);
        Assert.False(snapshot.Containers.Single(c => c.Name == "w1").HostUnavailable);
    }

    [Fact]
    public void Reservations_list_every_member_with_its_host()
    {
        var pool = new PoolBookFixture(min: 2, max: 6);
        pool.Warm("w1", PoolBookFixture.HostA);
        pool.Book.AddStarting("s1");

        var reservations = pool.Book.Reservations();

        Assert.Equal([new PoolReservation("w1", PoolBookFixture.HostA), new PoolReservation("s1", null)], reservations);
    }
}
