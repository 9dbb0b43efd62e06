namespace Boilerhouse.Orchestration.Timers;

/// <summary>
/// Timer schedules from host.json's "timers" section, in NCRONTAB with seconds
/// ("*/10 * * * * *"), as Azure Functions timer triggers use.
/// </summary>
public sealed class TimerOptions
{
    public string WarmPools { get; set; } = "*/5 * * * * *";
}
