namespace Boilerhouse.Core.Workloads;

/// <summary>
/// A compose healthcheck. <see cref="Test"/> is in Docker's form: ["CMD", ...] or ["CMD-SHELL", "..."].
/// </summary>
/// <remarks>
/// As in Docker, an empty <see cref="Test"/> keeps the image's HEALTHCHECK and ["NONE"] disables it
/// (what <c>disable: true</c> parses to).
/// </remarks>
public sealed record HealthCheckSpec(
    IReadOnlyList<string> Test,
    TimeSpan Interval,
    TimeSpan Timeout,
    int Retries,
    TimeSpan StartPeriod);
