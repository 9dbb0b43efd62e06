using Boilerhouse.Core.Containers;

namespace Boilerhouse.Orchestration.Resources;

/// <summary>One sampled container: what it is, its last raw reading (for rates) and its history.</summary>
public sealed class TrackedContainer(ManagedContainer container, ResourceOptions options)
{
    private ContainerStats? _lastReading;

    public ManagedContainer Container { get; } = container;

    public ContainerHistory History { get; } = new(options.RecentLength, options.OlderLength, options.MergeFactor);

    /// <summary>Called by one sweep at a time for a given container.</summary>
    public ContainerSample Record(ContainerStats reading)
    {
        var sample = ContainerSample.From(reading, _lastReading);
        _lastReading = reading;
        History.Add(sample);
        return sample;
    }
}
