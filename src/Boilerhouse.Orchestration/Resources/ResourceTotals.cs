namespace Boilerhouse.Orchestration.Resources;

/// <summary>The sum over the containers of a pool or a host at one sweep; rates count the containers that have one.</summary>
public readonly record struct ResourceTotals(
    DateTimeOffset At,
    int Containers,
    double CpuPercent,
    long MemoryBytes,
    long Pids,
    double NetworkRxBytesPerSecond,
    double NetworkTxBytesPerSecond,
    double BlockReadBytesPerSecond,
    double BlockWriteBytesPerSecond)
{
    public static ResourceTotals Of(DateTimeOffset at, IReadOnlyCollection<ContainerSample> samples) => new(
        at,
        samples.Count,
        samples.Sum(s => s.CpuPercent ?? 0),
        samples.Sum(s => s.MemoryBytes),
        samples.Sum(s => s.Pids),
        samples.Sum(s => s.NetworkRxBytesPerSecond ?? 0),
        samples.Sum(s => s.NetworkTxBytesPerSecond ?? 0),
        samples.Sum(s => s.BlockReadBytesPerSecond ?? 0),
        samples.Sum(s => s.BlockWriteBytesPerSecond ?? 0));
}
