using Boilerhouse.Core.Containers;
using Boilerhouse.Orchestration.Resources;

namespace Boilerhouse.Orchestration.Tests.Resources;

public sealed class ContainerSampleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Half_a_second_of_cpu_over_two_seconds_is_25_percent_and_rates_are_per_second()
    {
        var before = Reading(T0, cpuNs: 1_000_000_000, rx: 1_000, written: 0);
        var now = Reading(T0.AddSeconds(2), cpuNs: 1_500_000_000, rx: 5_000, written: 8_192);

        var sample = ContainerSample.From(now, before);

        Assert.Equal(25, sample.CpuPercent!.Value, precision: 6);
        Assert.Equal(2_000, sample.NetworkRxBytesPerSecond);
        Assert.Equal(4_096, sample.BlockWriteBytesPerSecond);
        Assert.Equal(5_000, sample.NetworkRxBytes);
        Assert.Equal(64, sample.MemoryBytes);
    }

    [Fact]
    public void First_reading_has_counters_but_no_rates()
    {
        var sample = ContainerSample.From(Reading(T0, cpuNs: 10, rx: 10, written: 10), before: null);

        Assert.Null(sample.CpuPercent);
        Assert.Null(sample.NetworkRxBytesPerSecond);
        Assert.Equal(10, sample.NetworkRxBytes);
    }

    [Fact]
    public void Counters_that_went_back_after_a_restart_give_no_rates()
    {
        var before = Reading(T0, cpuNs: 9_000_000_000, rx: 9_000, written: 9_000);

        var sample = ContainerSample.From(Reading(T0.AddSeconds(10), cpuNs: 1_000, rx: 10, written: 10), before);

        Assert.Null(sample.CpuPercent);
        Assert.Null(sample.NetworkRxBytesPerSecond);
    }

    internal static ContainerStats Reading(DateTimeOffset at, long cpuNs, long rx, long written) =>
        new(at, cpuNs, OnlineCpus: 2, MemoryBytes: 64, MemoryLimitBytes: 128, NetworkRxBytes: rx, NetworkTxBytes: 0,
            BlockReadBytes: 0, BlockWriteBytes: written, Pids: 1);
}
