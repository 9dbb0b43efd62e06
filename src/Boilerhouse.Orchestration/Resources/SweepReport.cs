namespace Boilerhouse.Orchestration.Resources;

/// <summary>
/// What one sweep of one Docker host did and cost: the containers read and the time it took, so an
/// operator sees what sampling costs at their scale (<see cref="MillisecondsPerContainer"/>).
/// </summary>
public sealed record SweepReport(string HostId, DateTimeOffset At, bool Reached, int Containers, double ElapsedMilliseconds, string? Error)
{
    public double? MillisecondsPerContainer => Containers == 0 ? null : ElapsedMilliseconds / Containers;
}
