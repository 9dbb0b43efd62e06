using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Timers;

/// <summary>
/// This silo's clock for the host.json timers: fires each one at start-up (so pools warm and Docker
/// is reconciled right away) and then on its schedule, through its cluster-wide timer grain.
/// </summary>
public sealed class TimerScheduler(IOptions<TimerOptions> options, IGrainFactory grains, TimeProvider time, ILogger<TimerScheduler> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(options.Value.All.Select(t => RunTimerAsync(t.Name, t.Schedule, stoppingToken)));

    private async Task RunTimerAsync(string name, string schedule, CancellationToken stoppingToken)
    {
        var timer = grains.GetGrain<ITimerGrain>(name);
        async Task FireAsync(DateTimeOffset occurrence, CancellationToken _)
        {
            try
            {
                await timer.FireAsync(occurrence);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Timer {Timer} could not be fired", name);
            }
        }

        try
        {
            await FireAsync(time.GetUtcNow(), stoppingToken);
            await CronLoop.RunAsync(CronSchedule.Parse(name, schedule), time, FireAsync, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
