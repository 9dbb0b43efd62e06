namespace Boilerhouse.Orchestration.Timers;

/// <summary>
/// Timer schedules from host.json's "timers" section, in NCRONTAB with seconds
/// ("*/10 * * * * *"), as Azure Functions timer triggers use.
/// </summary>
public sealed class TimerOptions
{
    public string WarmPools { get; set; } = "*/5 * * * * *";

    /// <summary>Every schedule by its host.json name, to check them all at start-up.</summary>
    public IEnumerable<(string Name, string Schedule)> All =>
    [
        ("warmPools", WarmPools),
    ];
}
