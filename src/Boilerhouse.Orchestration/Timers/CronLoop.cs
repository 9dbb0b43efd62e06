using Cronos;

namespace Boilerhouse.Orchestration.Timers;

/// <summary>
/// Calls <c>fire</c> at every occurrence of a schedule. The next occurrence is computed after a run
/// ends, so runs never overlap; occurrences missed while a run was busy are skipped, not queued.
/// </summary>
public static class CronLoop
{
    public static async Task RunAsync(
        CronExpression schedule, TimeProvider time, Func<DateTimeOffset, CancellationToken, Task> fire, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (schedule.GetNextOccurrence(now, TimeZoneInfo.Utc) is not { } next)
            {
                return;
            }

            await Task.Delay(next - now, time, cancellationToken);
            await fire(next, cancellationToken);
        }
    }
}
