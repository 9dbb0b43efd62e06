namespace Boilerhouse.Orchestration.Timers;

/// <summary>The work of one timer trigger; run by its timer grain, so once at a time across the cluster.</summary>
public interface ITimerJob
{
    /// <summary>The timer's name in host.json.</summary>
    string Name { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
