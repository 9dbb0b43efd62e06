using Boilerhouse.Orchestration.Resources;

namespace Boilerhouse.Orchestration.Tests.Resources;

public sealed class ContainerHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_sample_comes_back_as_it_was_recorded()
    {
        var history = new ContainerHistory(recentLength: 2, olderLength: 0, mergeFactor: 1);
        var first = new ContainerSample(T0, null, 64, 128, 3, 10, 20, 30, 40, null, null, null, null);
        var second = new ContainerSample(T0.AddSeconds(10), 12.5, 96, 128, 4, 110, 220, 330, 440, 10, 20, 30, 40.25);

        history.Add(first);
        history.Add(second);

        Assert.Equal([first, second], history.ToList());
        Assert.Equal(second, history.Latest);
    }

    [Fact]
    public void Older_samples_are_merged_into_means_at_the_time_of_the_last_and_recent_ones_kept_as_sampled()
    {
        var history = new ContainerHistory(recentLength: 3, olderLength: 2, mergeFactor: 2);
        for (var i = 0; i < 10; i++)
        {
            history.Add(Sample(i));
        }

        var list = history.ToList();

        // 10 samples: 0-1 merged and pushed out, 2-3 and 4-5 merged, 6 waiting for its pair, 7-9 as sampled.
        Assert.Equal([30, 50, 60, 70, 80, 90], list.Select(s => (s.At - T0).TotalSeconds));
        var merged = list[0];
        Assert.Equal(2.5, merged.CpuPercent);
        Assert.Equal(250, merged.MemoryBytes);
        Assert.Equal(3, merged.NetworkRxBytes);
        Assert.Equal(3, merged.Pids);
        Assert.Equal(25, merged.NetworkRxBytesPerSecond);
        Assert.Equal(Sample(6), list[2]);
        Assert.Equal(Sample(9), history.Latest);
    }

    [Fact]
    public void A_rate_missing_from_every_merged_sample_stays_missing()
    {
        var history = new ContainerHistory(recentLength: 1, olderLength: 1, mergeFactor: 2);
        history.Add(Sample(0) with { CpuPercent = null });
        history.Add(Sample(1) with { CpuPercent = null, NetworkRxBytesPerSecond = null });
        history.Add(Sample(2));

        var merged = history.ToList()[0];

        Assert.Null(merged.CpuPercent);
        Assert.Equal(0, merged.NetworkRxBytesPerSecond);
    }

    [Fact]
    public void Options_keep_ten_minutes_as_sampled_and_the_rest_of_the_hour_a_minute_per_sample()
    {
        var options = new ResourceOptions();

        Assert.Equal((60, 50, 6), (options.RecentLength, options.OlderLength, options.MergeFactor));
        var allAsSampled = new ResourceOptions { FullResolution = TimeSpan.FromHours(2) };
        Assert.Equal((360, 0), (allAsSampled.RecentLength, allAsSampled.OlderLength));
        var minutely = new ResourceOptions { SampleInterval = TimeSpan.FromMinutes(1), History = TimeSpan.FromMinutes(30) };
        Assert.Equal((30, 0, 1), (minutely.RecentLength, minutely.OlderLength, minutely.MergeFactor));
    }

    private static ContainerSample Sample(int i) =>
        new(T0.AddSeconds(10 * i), i, 100 * i, 1_000, i, i, 2 * i, 0, 0, 10 * i, 0, 0, 0);
}
