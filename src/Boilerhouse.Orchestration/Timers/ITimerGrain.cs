namespace Boilerhouse.Orchestration.Timers;

/// <summary>
/// One timer, cluster-wide: every silo's scheduler fires it, the single activation runs each
/// occurrence once and never two runs at a time.
/// </summary>
public interface ITimerGrain : IGrainWithStringKey
{
    /// <summary>Runs the timer's job for this occurrence unless it already ran for it.</summary>
    Task FireAsync(DateTimeOffset occurrence);

    Task<TimerStatus> GetStatusAsync();
}

[GenerateSerializer, Immutable]
public sealed record TimerStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] long Runs,
    [property: Id(2)] DateTimeOffset? LastRunAt,
    [property: Id(3)] double? LastDurationMs,
    [property: Id(4)] string? LastError);
