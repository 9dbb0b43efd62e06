using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;

namespace Boilerhouse.Orchestration.Tests.Pools;

public sealed class PoolBookTakeTests
{
    [Fact]
    public void Take_hands_out_the_oldest_warm_container_first()
    {
        var pool = new PoolBookFixture(min: 3, max: 3);
        pool.Warm("c1");
        pool.Warm("c2");
        pool.Warm("c3");

        Assert.Equal("c1", pool.Book.Take("t1", "i1")?.Name);
        Assert.Equal("c2", pool.Book.Take("t2", "i2")?.Name);
        Assert.Equal(["c3"], pool.Book.Warm);
    }

    [Fact]
    public void Take_records_the_claim_on_the_container()
    {
        var pool = new PoolBookFixture(min: 1, max: 1);
        pool.Warm("c1");
        pool.Clock.Advance(TimeSpan.FromSeconds(3));

        var member = pool.Book.Take("tenant-1", "instance-1")!;

        Assert.Equal(ContainerStatus.Claimed, member.Status);
        Assert.Equal("tenant-1", member.TenantId);
        Assert.Equal("instance-1", member.ClaimInstanceId);
        Assert.Equal(pool.Clock.GetUtcNow(), member.ClaimedAt);
        Assert.Empty(pool.Book.Warm);
    }

    [Fact]
    public void Untake_puts_a_refused_take_back_first_in_line_and_unclaimed()
    {
        // The database refused the hand-out (the tenant holds another container): the container stays warm, next in line
        var pool = new PoolBookFixture(min: 2, max: 2);
        pool.Warm("c1");
        pool.Warm("c2");
        var member = pool.Book.Take("t1", "i1")!;

        pool.Book.Untake(member);

        Assert.Equal(["c1", "c2"], pool.Book.Warm);
        Assert.Equal(ContainerStatus.Warm, member.Status);
        Assert.Null(member.TenantId);
        Assert.Null(member.ClaimInstanceId);
        Assert.Null(member.ClaimedAt);
        Assert.Equal("c1", pool.Book.Take("t2", "i2")?.Name);
    }

    [Fact]
    public void Take_prefers_a_ready_host_over_an_older_container_on_a_suspect_host()
    {
        var pool = new PoolBookFixture(min: 2, max: 2);
        pool.Warm("old-on-a", PoolBookFixture.HostA);
        pool.Warm("new-on-b", PoolBookFixture.HostB);
        pool.SetHost(PoolBookFixture.HostA, HostCondition.Suspect);

        Assert.Equal("new-on-b", pool.Book.Take("t1", "i1")?.Name);
        Assert.Equal(["old-on-a"], pool.Book.Warm);
    }

    [Fact]
    public void Take_falls_back_to_a_suspect_host_when_no_ready_host_has_one()
    {
        var pool = new PoolBookFixture(min: 2, max: 2);
        pool.Warm("c1", PoolBookFixture.HostA);
        pool.Warm("c2", PoolBookFixture.HostB);
        pool.SetHost(PoolBookFixture.HostA, HostCondition.Suspect);
        pool.SetHost(PoolBookFixture.HostB, HostCondition.Suspect);

        Assert.Equal("c1", pool.Book.Take("t1", "i1")?.Name);
    }

    [Theory]
    [InlineData(HostCondition.Draining)]
    [InlineData(HostCondition.Unhealthy)]
    public void Take_never_hands_out_a_container_on_a_draining_or_dead_host(HostCondition condition)
    {
        var pool = new PoolBookFixture(min: 1, max: 1);
        pool.Warm("c1");
        pool.SetHost(PoolBookFixture.HostA, condition);

        Assert.Null(pool.Book.Take("t1", "i1"));
        Assert.Equal(["c1"], pool.Book.Warm);
    }

    [Fact]
    public void Take_skips_a_draining_host_for_a_suspect_one()
    {
        var pool = new PoolBookFixture(min: 2, max: 2);
        pool.Warm("on-draining", PoolBookFixture.HostA);
        pool.Warm("on-suspect", PoolBookFixture.HostB);
        pool.SetHost(PoolBookFixture.HostA, HostCondition.Draining);
        pool.SetHost(PoolBookFixture.HostB, HostCondition.Suspect);

        Assert.Equal("on-suspect", pool.Book.Take("t1", "i1")?.Name);
    }

    [Fact]
    public void Host_that_is_ready_again_is_used_first_again()
    {
        var pool = new PoolBookFixture(min: 2, max: 2);
        pool.Warm("c1", PoolBookFixture.HostA);
        pool.Warm("c2", PoolBookFixture.HostB);
        pool.SetHost(PoolBookFixture.HostA, HostCondition.Suspect);
        pool.SetHost(PoolBookFixture.HostA, HostCondition.Ready);

        Assert.Equal("c1", pool.Book.Take("t1", "i1")?.Name);
    }

    [Fact]
    public void Take_of_an_empty_pool_hands_out_nothing()
    {
        var pool = new PoolBookFixture(min: 0, max: 2);

        Assert.Null(pool.Book.Take("t1", "i1"));
    }

    [Fact]
    public void A_resumed_claim_finds_the_container_its_instance_took()
    {
        var pool = new PoolBookFixture(min: 2, max: 2);
        pool.Warm("c1");
        pool.Warm("c2");
        var taken = pool.Book.Take("t1", "instance-1")!;

        Assert.Same(taken, pool.Book.TakenBy("instance-1"));
        Assert.Null(pool.Book.TakenBy("instance-2"));
        Assert.Equal(["c2"], pool.Book.Warm);
    }

    [Fact]
    public void Handed_answer_carries_the_container_and_its_endpoints()
    {
        var pool = new PoolBookFixture(min: 1, max: 1);
        pool.Warm("c1");

        var answer = PoolBook.Handed(pool.Book.Take("t1", "i1")!);

        Assert.True(answer.Taken);
        Assert.Equal("c1", answer.ContainerName);
        Assert.Equal("id-c1", answer.ContainerId);
        Assert.Equal("10.0.0.2", answer.Endpoints?.IpAddress);
        Assert.Null(answer.ErrorCode);
    }
}
