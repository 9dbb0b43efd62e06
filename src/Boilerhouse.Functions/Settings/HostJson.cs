using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Timers;

namespace Boilerhouse.Functions.Settings;

/// <summary>Host-level settings from host.json ("timers", "orchestration"), checked at start-up.</summary>
public static class HostJson
{
    public static TimerOptions ReadTimers(IConfiguration configuration)
    {
        var timers = Bind<TimerOptions>(configuration, "timers");
        try
        {
            foreach (var (name, schedule) in timers.All)
            {
                _ = CronSchedule.Parse(name, schedule);
            }
        }
        catch (BoilerhouseException ex)
        {
            throw new SettingsException(ex.Message);
        }

        return timers;
    }

    public static OrchestrationOptions ReadOrchestration(IConfiguration configuration)
    {
        var options = Bind<OrchestrationOptions>(configuration, "orchestration");
        Require(options.MaxAttempts is >= 1 and <= 20, "orchestration.maxAttempts must be from 1 to 20");
        Require(options.ActivityTimeout > TimeSpan.Zero, "orchestration.activityTimeout must be a positive duration such as \"00:02:00\"");
        Require(options.FirstRetryInterval > TimeSpan.Zero, "orchestration.firstRetryInterval must be a positive duration");
        Require(options.MaxRetryInterval >= options.FirstRetryInterval, "orchestration.maxRetryInterval must be at least firstRetryInterval");
        Require(options.MaxSaveStateRetryInterval >= options.FirstRetryInterval, "orchestration.maxSaveStateRetryInterval must be at least firstRetryInterval");
        return options;
    }

    private static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new SettingsException($"host.json {section}: {ex.InnerException?.Message ?? ex.Message}");
        }

        return options;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new SettingsException($"host.json {message}.");
        }
    }
}
