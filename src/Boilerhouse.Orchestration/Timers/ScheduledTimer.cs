using Cronos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Timers;

/// <summary>
/// Runs <see cref="FireAsync"/> on an NCRONTAB schedule. Runs never overlap: the next occurrence is
/// computed after a run ends. A failed run is logged and the schedule goes on.
/// </summary>
public abstract class ScheduledTimer(string name, string schedule, TimeProvider time, ILogger logger) : BackgroundService
{
    private readonly CronExpression _schedule = CronSchedule.Parse(name, schedule);

    public DateTimeOffset? LastRunAt { get; private set; }
    public string? LastError { get; private set; }

    protected abstract Task FireAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RunOnceAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = _schedule.GetNextOccurrence(now, TimeZoneInfo.Utc) ?? now.AddMinutes(1);
            await Task.Delay(next - now, time, stoppingToken);
            await RunOnceAsync(stoppingToken);
        }
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FireAsync(cancellationToken);
            LastError = null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LastError = ex.Message;
            logger.LogWarning(ex, "Timer {Timer} failed", name);
        }

        LastRunAt = time.GetUtcNow();
    }
}
