namespace Boilerhouse.Core.Workloads;

/// <summary>Non-security defaults: Docker's healthcheck defaults and Boilerhouse's pool sizing.</summary>
public static class WorkloadDefaults
{
    public static readonly TimeSpan HealthCheckInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(30);
    public const int HealthCheckRetries = 3;
    public static readonly TimeSpan HealthCheckStartPeriod = TimeSpan.Zero;

    public const int PoolMinSize = 1;

    /// <summary>max_size defaults to max(min_size, this).</summary>
    public const int PoolMaxSize = 5;

    public static readonly TimeSpan PoolIdleTimeout = TimeSpan.FromMinutes(30);
}
