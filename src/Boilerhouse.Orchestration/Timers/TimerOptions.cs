namespace Boilerhouse.Orchestration.Timers;

/// <summary>
/// Timer schedules from host.json's "timers" section, in NCRONTAB with seconds
/// ("*/10 * * * * *"), as Azure Functions timer triggers use.
/// </summary>
public sealed class TimerOptions
{
    /// <summary>Start containers until every pool has min_size warm.</summary>
    public string WarmPools { get; set; } = "*/5 * * * * *";

    /// <summary>Replace warm containers that died or turned unhealthy; mark tenants whose container vanished.</summary>
    public string HealthCheck { get; set; } = "*/10 * * * * *";

    /// <summary>Release tenants idle beyond their workload's idle_timeout.</summary>
    public string IdleRelease { get; set; } = "0 * * * * *";

    /// <summary>Reconcile Docker with the database: reap managed containers and volumes that belong to nothing.</summary>
    public string OrphanReaping { get; set; } = "30 */5 * * * *";

    /// <summary>Upload claimed tenants' state whose workload's sync interval has passed since their last sync.</summary>
    public string PeriodicSync { get; set; } = "*/15 * * * * *";

    /// <summary>Check every Docker host; one failing enough checks in a row is unhealthy until it answers again.</summary>
    public string HostHealth { get; set; } = "*/10 * * * * *";

    /// <summary>Every schedule by its host.json name.</summary>
    public IReadOnlyList<(string Name, string Schedule)> All =>
    [
        (TimerNames.WarmPools, WarmPools),
        (TimerNames.HealthCheck, HealthCheck),
        (TimerNames.IdleRelease, IdleRelease),
        (TimerNames.OrphanReaping, OrphanReaping),
        (TimerNames.HostHealth, HostHealth),
        (TimerNames.PeriodicSync, PeriodicSync),
    ];
}

public static class TimerNames
{
    public const string WarmPools = "warmPools";
    public const string HealthCheck = "healthCheck";
    public const string IdleRelease = "idleRelease";
    public const string OrphanReaping = "orphanReaping";
    public const string HostHealth = "hostHealth";
    public const string PeriodicSync = "periodicSync";
}
