using System.Diagnostics.Metrics;

namespace Boilerhouse.Orchestration.Resources;

/// <summary>
/// The latest sample of every container as OpenTelemetry instruments on the meter
/// <see cref="MeterName"/> (observable: read from the book when an exporter collects, never pushed),
/// tagged with the container's name, pool and host.
/// </summary>
public sealed class ResourceMeter : IDisposable
{
    public const string MeterName = "Boilerhouse.Resources";

    private readonly Meter _meter;
    private readonly ResourceBook _book;

    public ResourceMeter(IMeterFactory meters, ResourceBook book)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _book = book;
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("boilerhouse.container.cpu.usage", () => Measure(s => s.CpuPercent / 100),
            unit: "{cpu}", description: "CPU in use by the container, in cores.");
        _meter.CreateObservableGauge("boilerhouse.container.memory.usage", () => Measure(s => (double)s.MemoryBytes),
            unit: "By", description: "Memory in use by the container, without the page cache the kernel can drop.");
        _meter.CreateObservableGauge("boilerhouse.container.memory.limit", () => Measure(s => (double)s.MemoryLimitBytes),
            unit: "By", description: "The container's memory limit.");
        _meter.CreateObservableCounter("boilerhouse.container.network.io",
            () => Directed(("receive", s => s.NetworkRxBytes), ("transmit", s => s.NetworkTxBytes)),
            unit: "By", description: "Bytes the container received and sent since it started.");
        _meter.CreateObservableCounter("boilerhouse.container.disk.io",
            () => Directed(("read", s => s.BlockReadBytes), ("write", s => s.BlockWriteBytes)),
            unit: "By", description: "Bytes the container read from and wrote to block devices since it started.");
    }

    private IEnumerable<Measurement<double>> Measure(Func<ContainerSample, double?> value)
    {
        foreach (var container in _book.Containers)
        {
            if (container.History.Latest is { } sample && value(sample) is { } measured)
            {
                yield return new Measurement<double>(measured, Tags(container.Container));
            }
        }
    }

    private IEnumerable<Measurement<long>> Directed(params (string Direction, Func<ContainerSample, long> Value)[] directions)
    {
        foreach (var container in _book.Containers)
        {
            if (container.History.Latest is not { } sample)
            {
                continue;
            }

            foreach (var (direction, value) in directions)
            {
                KeyValuePair<string, object?>[] tags = [.. Tags(container.Container), new("direction", direction)];
                yield return new Measurement<long>(value(sample), tags);
            }
        }
    }

    private static KeyValuePair<string, object?>[] Tags(ManagedContainer container) =>
    [
        new("container", container.Name),
        new("pool", container.PoolId),
        new("host", container.HostId),
    ];

    public void Dispose() => _meter.Dispose();
}
