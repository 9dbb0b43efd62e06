using System.Diagnostics;

namespace Boilerhouse.Docker.Tests;

public sealed class ContainerStatsTests : DockerTestScope
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Stats_of_a_container_burning_cpu_show_cpu_time_moving_and_memory_in_use()
    {
        // Given: a container spinning on its CPU
        var (id, _) = await RunAsync("burner", TestWorkloads.Shell("while :; do :; done"));
        var first = await Runtime.StatsAsync(id, Ct);
        Assert.NotNull(first);

        // When: read again until the engine has counted more CPU time (at least 100 ms of it)
        var waited = Stopwatch.StartNew();
        var later = first;
        while (later!.CpuNanoseconds < first.CpuNanoseconds + 100_000_000)
        {
            Assert.True(waited.Elapsed < WaitLimit, $"CPU time stayed at {later.CpuNanoseconds} ns for {WaitLimit.TotalSeconds} s.");
            await Task.Delay(TimeSpan.FromMilliseconds(100), Ct);
            later = await Runtime.StatsAsync(id, Ct);
            Assert.NotNull(later);
        }

        // Then
        Assert.True(later.ReadAt > first.ReadAt);
        Assert.True(later.MemoryBytes > 0, $"memory {later.MemoryBytes}");
        Assert.Equal(TestWorkloads.MemoryLimit, later.MemoryLimitBytes);
        Assert.True(later.OnlineCpus >= 1);
        Assert.True(later.Pids >= 1);
        Assert.True(later.NetworkRxBytes >= 0 && later.BlockReadBytes >= 0);
    }

    [Fact]
    public async Task Stats_of_a_missing_container_are_null()
    {
        Assert.Null(await Runtime.StatsAsync(NameFor("missing"), Ct));
    }

    [Fact]
    public async Task Stats_of_a_container_that_is_not_running_are_null()
    {
        var id = await Runtime.CreateAsync(Request("created", TestWorkloads.Sleeper()), Ct);

        Assert.Null(await Runtime.StatsAsync(id, Ct));
    }
}
