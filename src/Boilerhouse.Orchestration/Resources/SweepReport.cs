namespace Boilerhouse.Orchestration.Resources;

/// <summary>
/// What one sweep of one Docker host did and cost: the containers read and the time it took, so an
/// operator sees what sampling costs at their scale (<see cref="MillisecondsPerContainer"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SweepReport(
    [property: Id(0)] string HostId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] bool Reached,
    [property: Id(3)] int Containers,
    [property: Id(4)] double ElapsedMilliseconds,
    [property: Id(5)] string? Error)
{
    public double? MillisecondsPerContainer => Containers == 0 ? null : ElapsedMilliseconds / Containers;
}
