namespace Boilerhouse.Orchestration.Resources;

/// <summary>How often containers' resources are sampled, how much history is kept and how many engine calls run at once.</summary>
public sealed class ResourceOptions
{
    /// <summary>Time between two sweeps over every managed container.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How far back each container's (and each pool's and host's) samples reach.</summary>
    public TimeSpan History { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Stats calls in flight at once on one Docker host. The engine answers a stats call at its
    /// collector's next tick (once a second), so a call mostly waits: a sweep takes about
    /// containers / this many seconds, and 64 reads 500 containers within a 10 s interval.
    /// </summary>
    public int MaxConcurrentReads { get; set; } = 64;

    /// <summary>Samples kept per container: the history at the sample interval.</summary>
    public int HistoryLength => Math.Max(1, (int)Math.Ceiling(History / SampleInterval));
}
