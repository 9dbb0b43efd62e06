using Boilerhouse.Core.Containers;

namespace Boilerhouse.Orchestration.Resources;

/// <summary>
/// A container's resource use at one sweep. Rates (CPU, network, block I/O) come from the difference
/// with the reading before, so the first sample of a container has none.
/// </summary>
/// <param name="CpuPercent">CPU in use, 100 being one full core (as <c>docker stats</c> shows it).</param>
/// <param name="NetworkRxBytesPerSecond">Received since the reading before, per second.</param>
public readonly record struct ContainerSample(
    DateTimeOffset At,
    double? CpuPercent,
    long MemoryBytes,
    long MemoryLimitBytes,
    long Pids,
    long NetworkRxBytes,
    long NetworkTxBytes,
    long BlockReadBytes,
    long BlockWriteBytes,
    double? NetworkRxBytesPerSecond,
    double? NetworkTxBytesPerSecond,
    double? BlockReadBytesPerSecond,
    double? BlockWriteBytesPerSecond)
{
    public static ContainerSample From(ContainerStats reading, ContainerStats? before)
    {
        var seconds = before is null ? 0 : (reading.ReadAt - before.ReadAt).TotalSeconds;
        // No rate without an earlier reading of the same run: a restart sets the counters back to zero.
        var comparable = before is not null && seconds > 0 && reading.CpuNanoseconds >= before.CpuNanoseconds;
        double? Rate(Func<ContainerStats, long> counter) =>
            comparable && counter(reading) >= counter(before!) ? (counter(reading) - counter(before!)) / seconds : null;

        return new ContainerSample(
            reading.ReadAt,
            comparable ? (reading.CpuNanoseconds - before!.CpuNanoseconds) / (seconds * 1e9) * 100 : null,
            reading.MemoryBytes,
            reading.MemoryLimitBytes,
            reading.Pids,
            reading.NetworkRxBytes,
            reading.NetworkTxBytes,
            reading.BlockReadBytes,
            reading.BlockWriteBytes,
            Rate(r => r.NetworkRxBytes),
            Rate(r => r.NetworkTxBytes),
            Rate(r => r.BlockReadBytes),
            Rate(r => r.BlockWriteBytes));
    }
}
