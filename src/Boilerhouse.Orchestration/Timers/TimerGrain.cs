using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Timers;

public sealed class TimerGrain(IEnumerable<ITimerJob> jobs, TimeProvider time, ILogger<TimerGrain> logger) : Grain, ITimerGrain
{
    private DateTimeOffset _lastOccurrence = DateTimeOffset.MinValue;
    private long _runs;
    private DateTimeOffset? _lastRunAt;
    private double? _lastDurationMs;
    private string? _lastError;

    private string Name => this.GetPrimaryKeyString();

    public async Task FireAsync(DateTimeOffset occurrence)
    {
        // Several silos fire the same occurrence; the first call runs it.
        if (occurrence <= _lastOccurrence)
        {
            return;
        }

        _lastOccurrence = occurrence;
        var job = jobs.Single(j => j.Name == Name);
        var started = time.GetTimestamp();
        try
        {
            await job.RunAsync(CancellationToken.None);
            _lastError = null;
        }
        catch (Exception ex)
        {
            _lastError = ex.Message;
            logger.LogWarning(ex, "Timer {Timer} failed", Name);
        }

        _runs++;
        _lastRunAt = time.GetUtcNow();
        _lastDurationMs = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 1);
        DelayDeactivation(TimeSpan.FromHours(1));
    }

    public Task<TimerStatus> GetStatusAsync() => Task.FromResult(new TimerStatus(Name, _runs, _lastRunAt, _lastDurationMs, _lastError));
}
