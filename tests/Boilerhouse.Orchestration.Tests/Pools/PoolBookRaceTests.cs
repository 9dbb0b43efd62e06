using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;

namespace Boilerhouse.Orchestration.Tests.Pools;

/// <summary>
/// Background creates and removes report back whenever they finish; these replay the messages they
/// would send in the orders that race with claims and host changes.
/// </summary>
public sealed class PoolBookRaceTests
{
    [Fact]
    public void Claim_while_a_slow_create_is_in_flight_waits_then_gets_that_container()
    {
        var pool = new PoolBookFixture(min: 0, max: 1);
        Assert.Null(pool.Book.Take("t1", "i1"));
        Assert.True(pool.Book.ShouldStartCold());
        pool.Book.AddStarting("slow");

        // The claim retries before the create reports: told to wait, nothing more is started.
        Assert.Null(pool.Book.Take("t1", "i1"));
        Assert.Same(TakeResult.Warming, pool.Book.NothingWarm());
        Assert.False(pool.Book.ShouldStartCold());

        pool.Book.ContainerReady("slow", PoolBookFixture.HostA, PoolBookFixture.Info("slow"));

        var taken = pool.Book.Take("t1", "i1");
        Assert.Equal("slow", taken?.Name);
        Assert.Equal("id-slow", taken?.ContainerId);
    }

    [Fact]
    public void Two_claims_racing_for_the_last_warm_container_get_it_once()
    {
        var pool = new PoolBookFixture(min: 1, max: 1);
        pool.Warm("w1");

        var first = pool.Book.Take("t1", "i1");
        var second = pool.Book.Take("t2", "i2");

        Assert.Equal("w1", first?.Name);
        Assert.Null(second);
        Assert.Equal(ErrorCodes.PoolExhausted, pool.Book.NothingWarm().ErrorCode);
    }

    [Fact]
    public void Container_written_off_while_starting_is_not_handed_out_when_it_reports_ready()
    {
        var pool = new PoolBookFixture(min: 1, max: 1);
        var starting = pool.Book.AddStarting("s1");
        starting.HostId = PoolBookFixture.HostA;
        pool.SetHost(PoolBookFixture.HostA, HostCondition.Unhealthy);
        Assert.Equal([starting], pool.Book.WriteOffHost(PoolBookFixture.HostA));

        var outcome = pool.Book.ContainerReady("s1", PoolBookFixture.HostA, PoolBookFixture.Info("s1"));

        Assert.Equal(ReadyVerdict.Unknown, outcome.Verdict);
        Assert.Empty(pool.Book.Warm);
        Assert.Null(pool.Book.Take("t1", "i1"));
    }

    [Fact]
    public void Container_ready_on_a_host_that_started_draining_is_removed_and_replaced()
    {
        var pool = new PoolBookFixture(min: 1, max: 2);
        pool.Book.AddStarting("s1");
        pool.SetHost(PoolBookFixture.HostA, HostCondition.Draining);

        var outcome = pool.Book.ContainerReady("s1", PoolBookFixture.HostA, PoolBookFixture.Info("s1"));

        Assert.Equal(ReadyVerdict.HostUnusable, outcome.Verdict);
        Assert.Equal(ContainerStatus.Removing, outcome.Member?.Status);
        Assert.Equal("id-s1", outcome.Member?.ContainerId);
        Assert.Empty(pool.Book.Warm);
        Assert.Equal(1, pool.Book.ContainersToStart());
    }

    [Fact]
    public void A_second_ready_report_for_the_same_container_is_not_counted_twice()
    {
        var pool = new PoolBookFixture(min: 1, max: 1);
        pool.Warm("w1");

        var again = pool.Book.ContainerReady("w1", PoolBookFixture.HostA, PoolBookFixture.Info("w1"));

        Assert.Equal(ReadyVerdict.Unknown, again.Verdict);
        Assert.Equal(["w1"], pool.Book.Warm);
    }

    [Fact]
    public void Failure_report_marks_the_starting_container_for_removal_with_its_host()
    {
        var pool = new PoolBookFixture(min: 1, max: 1);
        pool.Book.AddStarting("s1");

        pool.Book.ContainerFailed("s1", PoolBookFixture.HostB, "health check timed out", out var member);

        Assert.Equal(ContainerStatus.Removing, member?.Status);
        Assert.Equal(PoolBookFixture.HostB, member?.HostId);
        Assert.Equal("health check timed out", pool.Book.LastError);
        Assert.Equal(pool.Clock.GetUtcNow(), pool.Book.LastErrorAt);
        // Until its removal is reported it still holds its place toward max_size.
        Assert.Equal(0, pool.Book.ContainersToStart());
    }

    [Fact]
    public void Failure_report_for_a_container_already_written_off_still_backs_off()
    {
        var pool = new PoolBookFixture(min: 1, max: 1);

        pool.Book.ContainerFailed("gone", null, "boom", out var member);

        Assert.Null(member);
        Assert.Equal(1, pool.Book.Backoff.FailureStreak);
        Assert.False(pool.Book.Backoff.CanAttempt);
    }

    [Fact]
    public void Removed_report_after_the_container_was_forgotten_changes_nothing()
    {
        var pool = new PoolBookFixture(min: 1, max: 2);
        pool.Warm("w1");
        Assert.NotNull(pool.Book.Remove("w1"));

        Assert.Null(pool.Book.Remove("w1"));
        Assert.Empty(pool.Book.Members);
        Assert.Equal(1, pool.Book.ContainersToStart());
    }

    [Fact]
    public void Claim_during_a_burst_of_refills_takes_the_first_that_turns_warm_not_the_first_started()
    {
        var pool = new PoolBookFixture(min: 2, max: 2);
        pool.Book.AddStarting("started-first");
        pool.Book.AddStarting("started-second");

        pool.Book.ContainerReady("started-second", PoolBookFixture.HostA, PoolBookFixture.Info("started-second"));

        Assert.Equal("started-second", pool.Book.Take("t1", "i1")?.Name);
        Assert.Same(TakeResult.Warming, pool.Book.NothingWarm());
    }
}
