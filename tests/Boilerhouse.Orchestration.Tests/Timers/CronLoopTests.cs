using Boilerhouse.Orchestration.Timers;
using Microsoft.Extensions.Time.Testing;

namespace Boilerhouse.Orchestration.Tests.Timers;

public sealed class CronLoopTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Fires_at_every_occurrence_of_the_schedule()
    {
        var time = new FakeTimeProvider(Start);
        var fired = new List<DateTimeOffset>();
        using var stop = new CancellationTokenSource();
        var loop = CronLoop.RunAsync(CronSchedule.Parse("t", "*/10 * * * * *"), time, (at, _) =>
        {
            fired.Add(at);
            return Task.CompletedTask;
        }, stop.Token);

        for (var i = 0; i < 35; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop);
        Assert.Equal([Start.AddSeconds(10), Start.AddSeconds(20), Start.AddSeconds(30)], fired);
    }

    [Fact]
    public async Task A_slow_run_is_never_overlapped_and_missed_occurrences_are_skipped()
    {
        var time = new FakeTimeProvider(Start);
        var running = 0;
        var maxRunning = 0;
        var runs = 0;
        var release = new TaskCompletionSource();
        using var stop = new CancellationTokenSource();
        var loop = CronLoop.RunAsync(CronSchedule.Parse("t", "* * * * * *"), time, async (_, _) =>
        {
            maxRunning = Math.Max(maxRunning, Interlocked.Increment(ref running));
            runs++;
            if (runs == 1)
            {
                await release.Task;
            }

            Interlocked.Decrement(ref running);
        }, stop.Token);

        time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(20);
        // While the first run hangs, five more occurrences pass.
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        Assert.Equal(1, runs);
        release.SetResult();
        await Task.Delay(50);
        time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(50);

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop);
        Assert.Equal(1, maxRunning);
        Assert.Equal(2, runs);
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("every minute")]
    [InlineData("61 * * * * *")]
    public void Invalid_schedule_names_the_timer(string expression)
    {
        var ex = Assert.Throws<Boilerhouse.Core.Errors.BoilerhouseException>(() => CronSchedule.Parse("warmPools", expression));

        Assert.Contains("timers.warmPools", ex.Message, StringComparison.Ordinal);
    }
}
