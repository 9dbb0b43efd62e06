using Boilerhouse.Orchestration.Resources;

namespace Boilerhouse.Orchestration.Tests.Resources;

public sealed class SampleRingTests
{
    [Fact]
    public void Ring_keeps_the_newest_items_oldest_first()
    {
        var ring = new SampleRing<int>(3);
        foreach (var i in Enumerable.Range(1, 5))
        {
            ring.Add(i);
        }

        Assert.Equal([3, 4, 5], ring.ToList());
        Assert.Equal(5, ring.Latest);
    }

    [Fact]
    public void Empty_ring_has_no_latest()
    {
        var ring = new SampleRing<int>(2);

        Assert.Null(ring.Latest);
        Assert.Empty(ring.ToList());
    }
}
