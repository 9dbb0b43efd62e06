using Boilerhouse.Core.Containers;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>Turns the engine's stats answer (cgroup v1 or v2) into <see cref="ContainerStats"/>.</summary>
internal static class ContainerStatsMapper
{
    /// <summary>The reading, or null for a container that is not running (the engine answers with an empty one).</summary>
    public static ContainerStats? From(ContainerStatsResponse response)
    {
        if (response.Read.Year <= 1 || response.CPUStats?.CPUUsage is not { } cpu)
        {
            return null;
        }

        var networks = response.Networks?.Values ?? [];
        return new ContainerStats(
            ReadAt: new DateTimeOffset(response.Read.Kind == DateTimeKind.Local ? response.Read.ToUniversalTime() : DateTime.SpecifyKind(response.Read, DateTimeKind.Utc)),
            CpuNanoseconds: Long(cpu.TotalUsage),
            OnlineCpus: response.CPUStats.OnlineCPUs > 0 ? (int)response.CPUStats.OnlineCPUs : cpu.PercpuUsage?.Count ?? 0,
            MemoryBytes: MemoryWithoutCache(response.MemoryStats),
            MemoryLimitBytes: Long(response.MemoryStats?.Limit ?? 0),
            NetworkRxBytes: networks.Sum(n => Long(n.RxBytes)),
            NetworkTxBytes: networks.Sum(n => Long(n.TxBytes)),
            BlockReadBytes: BlockIo(response.BlkioStats, "read"),
            BlockWriteBytes: BlockIo(response.BlkioStats, "write"),
            Pids: Long(response.PidsStats?.Current ?? 0));
    }

    /// <summary>Usage less the inactive page cache, as <c>docker stats</c> counts it: cache the kernel can drop is not pressure.</summary>
    private static long MemoryWithoutCache(MemoryStats? memory)
    {
        if (memory is null)
        {
            return 0;
        }

        var usage = Long(memory.Usage);
        var stats = memory.Stats ?? new Dictionary<string, ulong>();
        foreach (var key in new[] { "total_inactive_file", "inactive_file" })
        {
            if (stats.TryGetValue(key, out var inactive) && Long(inactive) < usage)
            {
                return usage - Long(inactive);
            }
        }

        return usage;
    }

    /// <summary>Bytes of one direction over every device; cgroup v1 says "Read", v2 "read".</summary>
    private static long BlockIo(BlkioStats? blkio, string op) =>
        (blkio?.IoServiceBytesRecursive ?? [])
            .Where(e => string.Equals(e.Op, op, StringComparison.OrdinalIgnoreCase))
            .Sum(e => Long(e.Value));

    private static long Long(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;
}
