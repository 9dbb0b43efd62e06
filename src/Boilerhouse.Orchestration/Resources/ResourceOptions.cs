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

    /// <summary>
    /// How far back a container's samples are kept as sampled; older ones (up to <see cref="History"/>)
    /// are merged into one per <see cref="OlderStep"/>. Pool and host sums are kept as sampled throughout.
    /// </summary>
    public TimeSpan FullResolution { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The time one older (merged) container sample covers.</summary>
    public TimeSpan OlderStep { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Samples the history covers at the sample interval (all of them for pools and hosts).</summary>
    public int HistoryLength => Math.Max(1, (int)Math.Ceiling(History / SampleInterval));

    /// <summary>Sweeps merged into one older container sample (1: none are merged).</summary>
    public int MergeFactor => Math.Max(1, (int)Math.Round(OlderStep / SampleInterval));

    /// <summary>A container's samples kept as sampled.</summary>
    public int RecentLength => MergeFactor == 1 ? HistoryLength : Math.Clamp((int)Math.Ceiling(FullResolution / SampleInterval), 1, HistoryLength);

    /// <summary>A container's merged samples, covering the rest of the history.</summary>
    public int OlderLength => MergeFactor == 1 ? 0 : (int)Math.Ceiling((HistoryLength - RecentLength) / (double)MergeFactor);
}
