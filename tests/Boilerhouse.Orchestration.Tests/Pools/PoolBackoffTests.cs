using Boilerhouse.Orchestration.Pools;
using Microsoft.Extensions.Time.Testing;

namespace Boilerhouse.Orchestration.Tests.Pools;

public sealed class PoolBackoffTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Fresh_backoff_allows_an_attempt()
    {
        var backoff = new PoolBackoff(_clock);

        Assert.True(backoff.CanAttempt);
        Assert.Equal(0, backoff.FailureStreak);
    }

    [Fact]
    public void Failures_in_a_row_double_the_wait_from_half_a_second()
    {
        var backoff = new PoolBackoff(_clock);

        TimeSpan[] delays = [backoff.RecordFailure(), backoff.RecordFailure(), backoff.RecordFailure(), backoff.RecordFailure()];

        Assert.Equal([TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], delays);
        Assert.Equal(4, backoff.FailureStreak);
    }

    [Fact]
    public void Wait_never_grows_beyond_thirty_seconds()
    {
        var backoff = new PoolBackoff(_clock);
        for (var i = 0; i < 20; i++)
        {
            backoff.RecordFailure();
        }

        Assert.Equal(PoolBackoff.Max, backoff.RecordFailure());
        Assert.Equal(TimeSpan.FromSeconds(30), PoolBackoff.Max);
    }

    [Fact]
    public void No_attempt_until_the_wait_has_passed()
    {
        var backoff = new PoolBackoff(_clock);
        backoff.RecordFailure();
        var delay = backoff.RecordFailure();

        _clock.Advance(delay - TimeSpan.FromMilliseconds(1));
        Assert.False(backoff.CanAttempt);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(backoff.CanAttempt);
    }

    [Fact]
    public void Reset_starts_the_next_streak_from_half_a_second()
    {
        var backoff = new PoolBackoff(_clock);
        backoff.RecordFailure();
        backoff.RecordFailure();
        backoff.RecordFailure();

        backoff.Reset();

        Assert.Equal(0, backoff.FailureStreak);
        Assert.Equal(PoolBackoff.First, backoff.RecordFailure());
    }

    [Fact]
    public void A_container_turning_warm_resets_the_pool_streak()
    {
        var pool = new PoolBookFixture(min: 2, max: 2);
        pool.Book.AddStarting("s1");
        pool.Book.ContainerFailed("s1", PoolBookFixture.HostA, "boom", out _);
        pool.Book.Remove("s1");
        pool.Clock.Advance(PoolBackoff.First);

        pool.Warm("w1");

        Assert.Equal(0, pool.Book.Backoff.FailureStreak);
        pool.Book.AddStarting("s2");
        Assert.Equal(PoolBackoff.First, pool.Book.ContainerFailed("s2", PoolBookFixture.HostA, "boom", out _));
    }
}
