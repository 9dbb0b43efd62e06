using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Pools;

namespace Boilerhouse.Orchestration.Tests.Pools;

/// <summary>What a claim is told when no warm container can be handed out.</summary>
public sealed class PoolBookAnswerTests
{
    [Fact]
    public void Claim_is_told_to_wait_while_a_container_is_starting()
    {
        var pool = new PoolBookFixture(min: 1, max: 1);
        pool.Book.AddStarting("s1");

        var answer = pool.Book.NothingWarm();

        Assert.Same(TakeResult.Warming, answer);
        Assert.False(answer.Taken);
        Assert.Null(answer.ErrorCode);
    }

    [Fact]
    public void Claim_gets_the_placement_refusal_while_no_host_has_room()
    {
        var pool = new PoolBookFixture(min: 0, max: 2);
        pool.Book.AddStarting("s1");
        pool.Book.ContainerUnplaced("s1", "NO_HOST_CAPACITY", "No host has 2 GiB free.");

        var answer = pool.Book.NothingWarm();

        Assert.Equal("NO_HOST_CAPACITY", answer.ErrorCode);
        Assert.Equal("No host has 2 GiB free.", answer.ErrorMessage);
    }

    [Fact]
    public void Claim_after_the_no_room_pause_is_no_longer_refused_for_room()
    {
        var pool = new PoolBookFixture(min: 0, max: 2);
        pool.Book.AddStarting("s1");
        pool.Book.ContainerUnplaced("s1", "NO_HOST_CAPACITY", "full");
        pool.Clock.Advance(PoolBook.NoRoomPause);

        Assert.NotEqual("NO_HOST_CAPACITY", pool.Book.NothingWarm().ErrorCode);
    }

    [Fact]
    public void Claim_gets_the_create_error_while_creates_keep_failing()
    {
        var pool = new PoolBookFixture(min: 0, max: 2);
        pool.Book.AddStarting("s1");
        pool.Book.ContainerFailed("s1", PoolBookFixture.HostA, "pull access denied", out _);
        pool.Book.Remove("s1");

        var answer = pool.Book.NothingWarm();

        Assert.Equal(ErrorCodes.ContainerFailed, answer.ErrorCode);
        Assert.Equal("Pool 'pool-t' cannot start containers right now: pull access denied", answer.ErrorMessage);
    }

    [Fact]
    public void Claim_on_a_full_pool_is_told_it_is_exhausted()
    {
        var pool = new PoolBookFixture(min: 1, max: 1);
        pool.Claimed("c1", "t1");

        var answer = pool.Book.NothingWarm();

        Assert.Equal(ErrorCodes.PoolExhausted, answer.ErrorCode);
        Assert.Contains("max_size of 1", answer.ErrorMessage);
    }

    [Fact]
    public void Claim_after_a_warm_container_resets_the_streak_is_not_told_of_old_failures()
    {
        var pool = new PoolBookFixture(min: 1, max: 1);
        pool.Book.AddStarting("s1");
        pool.Book.ContainerFailed("s1", PoolBookFixture.HostA, "flaky", out _);
        pool.Book.Remove("s1");
        pool.Warm("w1");
        pool.Book.Take("t1", "i1");

        Assert.Equal(ErrorCodes.PoolExhausted, pool.Book.NothingWarm().ErrorCode);
    }

    [Fact]
    public void Claim_before_docker_answered_gets_the_last_error()
    {
        var pool = new PoolBookFixture(min: 1, max: 1, reconciled: false);

        Assert.Equal("The Docker engine cannot be reached.", pool.Book.Unreachable().ErrorMessage);

        pool.Book.RecordError("Docker host 'host-a' is unavailable: connection refused");
        var answer = pool.Book.Unreachable();
        Assert.Equal(ErrorCodes.DockerUnavailable, answer.ErrorCode);
        Assert.Equal("Docker host 'host-a' is unavailable: connection refused", answer.ErrorMessage);
    }

    [Fact]
    public void Unplaced_reason_is_new_only_when_it_changes()
    {
        var pool = new PoolBookFixture(min: 0, max: 3);
        pool.Book.AddStarting("s1");
        pool.Book.AddStarting("s2");
        pool.Book.AddStarting("s3");

        Assert.True(pool.Book.ContainerUnplaced("s1", "NO_HOST_CAPACITY", "full"));
        Assert.False(pool.Book.ContainerUnplaced("s2", "NO_HOST_CAPACITY", "full"));
        Assert.True(pool.Book.ContainerUnplaced("s3", "NO_ELIGIBLE_HOST", "no host has label gpu"));
        Assert.Equal("no host has label gpu", pool.Book.LastError);
    }
}
