using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Timers;

namespace Boilerhouse.Functions.Settings;

/// <summary>Host-level settings from host.json, checked at start-up.</summary>
public static class HostJson
{
    public static TimerOptions ReadTimers(IConfiguration configuration)
    {
        var timers = new TimerOptions();
        configuration.GetSection("timers").Bind(timers);
        try
        {
            _ = CronSchedule.Parse("warmPools", timers.WarmPools);
        }
        catch (BoilerhouseException ex)
        {
            throw new SettingsException(ex.Message);
        }

        return timers;
    }
}
