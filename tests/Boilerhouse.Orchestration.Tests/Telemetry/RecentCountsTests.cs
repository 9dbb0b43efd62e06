using Boilerhouse.Orchestration.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace Boilerhouse.Orchestration.Tests.Telemetry;

public sealed class RecentCountsTests
{
    [Fact]
    public void Counts_cover_the_last_hour_and_forget_what_is_older()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 30, TimeSpan.Zero));
        var recent = new RecentCounts(time);

        recent.Add("claim.completed");
        time.Advance(TimeSpan.FromMinutes(30));
        recent.Add("claim.completed");
        recent.Add("claim.failed");

        Assert.Equal(2, recent.Count("claim.completed"));
        Assert.Equal(1, recent.Count("claim.failed"));
        Assert.Equal(0, recent.Count("sync.failed"));

        // The first claim is past the hour (and its slot is reused), the later ones are not.
        time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(1, recent.Count("claim.completed"));
        recent.Add("claim.completed");
        Assert.Equal(2, recent.Count("claim.completed"));

        time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, recent.Count("claim.completed"));
        Assert.Equal(0, recent.Count("claim.failed"));
    }
}
