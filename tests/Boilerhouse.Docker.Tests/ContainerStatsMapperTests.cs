using Boilerhouse.Docker.Runtime;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Tests;

public sealed class ContainerStatsMapperTests
{
    private static readonly DateTime ReadAt = new(2026, 1, 31, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Cgroup_v2_reading_counts_memory_without_inactive_cache_and_sums_devices_and_networks()
    {
        var reading = Reading(
            memoryStats: new Dictionary<string, ulong> { ["inactive_file"] = 300 },
            blkio: [Entry("read", 10), Entry("write", 20), Entry("read", 5), Entry("total", 35)]);

        var stats = ContainerStatsMapper.From(reading)!;

        Assert.Equal(new DateTimeOffset(ReadAt), stats.ReadAt);
        Assert.Equal(5_000_000_000, stats.CpuNanoseconds);
        Assert.Equal(4, stats.OnlineCpus);
        Assert.Equal(700, stats.MemoryBytes);
        Assert.Equal(4096, stats.MemoryLimitBytes);
        Assert.Equal(15, stats.BlockReadBytes);
        Assert.Equal(20, stats.BlockWriteBytes);
        Assert.Equal(111, stats.NetworkRxBytes);
        Assert.Equal(222, stats.NetworkTxBytes);
        Assert.Equal(3, stats.Pids);
    }

    [Fact]
    public void Cgroup_v1_reading_uses_total_inactive_file_and_capitalised_operations()
    {
        var reading = Reading(
            memoryStats: new Dictionary<string, ulong> { ["total_inactive_file"] = 100 },
            blkio: [Entry("Read", 7), Entry("Write", 9)]);

        var stats = ContainerStatsMapper.From(reading)!;

        Assert.Equal(900, stats.MemoryBytes);
        Assert.Equal(7, stats.BlockReadBytes);
        Assert.Equal(9, stats.BlockWriteBytes);
    }

    [Fact]
    public void Reading_of_a_container_that_is_not_running_is_null()
    {
        var reading = Reading(new Dictionary<string, ulong>(), []);
        reading.Read = default;

        Assert.Null(ContainerStatsMapper.From(reading));
    }

    private static ContainerStatsResponse Reading(Dictionary<string, ulong> memoryStats, List<BlkioStatEntry> blkio) => new()
    {
        Read = ReadAt,
        CPUStats = new CPUStats { CPUUsage = new CPUUsage { TotalUsage = 5_000_000_000 }, OnlineCPUs = 4 },
        MemoryStats = new MemoryStats { Usage = 1000, Limit = 4096, Stats = memoryStats },
        BlkioStats = new BlkioStats { IoServiceBytesRecursive = blkio },
        Networks = new Dictionary<string, NetworkStats>
        {
            ["eth0"] = new() { RxBytes = 100, TxBytes = 200 },
            ["eth1"] = new() { RxBytes = 11, TxBytes = 22 },
        },
        PidsStats = new PidsStats { Current = 3 },
    };

    private static BlkioStatEntry Entry(string op, ulong value) => new() { Major = 8, Minor = 0, Op = op, Value = value };
}
