namespace Boilerhouse.Orchestration.Resources;

/// <summary>
/// A <see cref="ContainerSample"/> as a container's history keeps it: 104 bytes instead of 152 (UTC
/// ticks instead of a DateTimeOffset, NaN instead of a nullable's flag and padding, pids as an int).
/// With 360 samples per container this is most of what 500 containers' histories cost.
/// </summary>
public readonly struct PackedSample
{
    private readonly long _atUtcTicks;
    private readonly double _cpuPercent;
    private readonly long _memoryBytes;
    private readonly long _memoryLimitBytes;
    private readonly long _networkRxBytes;
    private readonly long _networkTxBytes;
    private readonly long _blockReadBytes;
    private readonly long _blockWriteBytes;
    private readonly double _networkRxBytesPerSecond;
    private readonly double _networkTxBytesPerSecond;
    private readonly double _blockReadBytesPerSecond;
    private readonly double _blockWriteBytesPerSecond;
    private readonly int _pids;

    public PackedSample(ContainerSample sample)
    {
        _atUtcTicks = sample.At.UtcTicks;
        _cpuPercent = sample.CpuPercent ?? double.NaN;
        _memoryBytes = sample.MemoryBytes;
        _memoryLimitBytes = sample.MemoryLimitBytes;
        _pids = (int)Math.Clamp(sample.Pids, 0, int.MaxValue);
        _networkRxBytes = sample.NetworkRxBytes;
        _networkTxBytes = sample.NetworkTxBytes;
        _blockReadBytes = sample.BlockReadBytes;
        _blockWriteBytes = sample.BlockWriteBytes;
        _networkRxBytesPerSecond = sample.NetworkRxBytesPerSecond ?? double.NaN;
        _networkTxBytesPerSecond = sample.NetworkTxBytesPerSecond ?? double.NaN;
        _blockReadBytesPerSecond = sample.BlockReadBytesPerSecond ?? double.NaN;
        _blockWriteBytesPerSecond = sample.BlockWriteBytesPerSecond ?? double.NaN;
    }

    private PackedSample(PackedSample last, double cpuPercent, long memoryBytes, double rx, double tx, double read, double write)
    {
        this = last;
        _cpuPercent = cpuPercent;
        _memoryBytes = memoryBytes;
        _networkRxBytesPerSecond = rx;
        _networkTxBytesPerSecond = tx;
        _blockReadBytesPerSecond = read;
        _blockWriteBytesPerSecond = write;
    }

    /// <summary>
    /// Consecutive samples as one, at the time of the last: CPU, memory and rates are their means (over
    /// the samples that have one), counters, limit and pids those of the last.
    /// </summary>
    public static PackedSample Merge(ReadOnlySpan<PackedSample> samples)
    {
        if (samples.IsEmpty)
        {
            throw new ArgumentException("Nothing to merge.", nameof(samples));
        }

        var memory = 0.0;
        foreach (var sample in samples)
        {
            memory += sample._memoryBytes;
        }

        return new PackedSample(
            samples[^1],
            Mean(samples, s => s._cpuPercent),
            (long)Math.Round(memory / samples.Length),
            Mean(samples, s => s._networkRxBytesPerSecond),
            Mean(samples, s => s._networkTxBytesPerSecond),
            Mean(samples, s => s._blockReadBytesPerSecond),
            Mean(samples, s => s._blockWriteBytesPerSecond));
    }

    /// <summary>The sample as it was recorded (its time in UTC).</summary>
    public ContainerSample Unpack() => new(
        new DateTimeOffset(_atUtcTicks, TimeSpan.Zero),
        Nullable(_cpuPercent),
        _memoryBytes,
        _memoryLimitBytes,
        _pids,
        _networkRxBytes,
        _networkTxBytes,
        _blockReadBytes,
        _blockWriteBytes,
        Nullable(_networkRxBytesPerSecond),
        Nullable(_networkTxBytesPerSecond),
        Nullable(_blockReadBytesPerSecond),
        Nullable(_blockWriteBytesPerSecond));

    private static double Mean(ReadOnlySpan<PackedSample> samples, Func<PackedSample, double> value)
    {
        var sum = 0.0;
        var count = 0;
        foreach (var sample in samples)
        {
            if (!double.IsNaN(value(sample)))
            {
                sum += value(sample);
                count++;
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }

    private static double? Nullable(double value) => double.IsNaN(value) ? null : value;
}
