namespace Boilerhouse.Core.Containers;

/// <summary>
/// One reading of a running container's resource counters, as its engine reports them. CPU, network
/// and block I/O are cumulative since the container started: a rate is the difference of two readings.
/// </summary>
/// <param name="ReadAt">When the engine took the reading.</param>
/// <param name="CpuNanoseconds">CPU time the container has used, on all cores together.</param>
/// <param name="OnlineCpus">Cores the engine's machine has online.</param>
/// <param name="MemoryBytes">Memory in use, without the page cache the kernel can drop (as <c>docker stats</c> shows).</param>
/// <param name="MemoryLimitBytes">The container's memory limit (the machine's memory when it has none).</param>
/// <param name="NetworkRxBytes">Bytes received on all its interfaces.</param>
/// <param name="NetworkTxBytes">Bytes sent on all its interfaces.</param>
/// <param name="BlockReadBytes">Bytes read from block devices.</param>
/// <param name="BlockWriteBytes">Bytes written to block devices.</param>
/// <param name="Pids">Processes and threads running in it.</param>
public sealed record ContainerStats(
    DateTimeOffset ReadAt,
    long CpuNanoseconds,
    int OnlineCpus,
    long MemoryBytes,
    long MemoryLimitBytes,
    long NetworkRxBytes,
    long NetworkTxBytes,
    long BlockReadBytes,
    long BlockWriteBytes,
    long Pids);
