using Boilerhouse.Orchestration.Resources;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Tests.Resources;

public sealed class ResourceBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    private readonly ResourceBook _book = new(Options.Create(new ResourceOptions
    {
        SampleInterval = TimeSpan.FromSeconds(10),
        History = TimeSpan.FromSeconds(30),
    }));

    [Fact]
    public void Sweep_sums_samples_per_pool_and_per_host()
    {
        var a = Sampled(new ManagedContainer("id-a", "bh-a", "web", "h1"), T0);
        var b = Sampled(new ManagedContainer("id-b", "bh-b", "web", "h2"), T0);
        var c = Sampled(new ManagedContainer("id-c", "bh-c", "worker", "h1"), T0);

        _book.EndSweep(T0, [Sweep("h1", a, c), Sweep("h2", b)]);

        var web = Assert.Single(_book.PoolHistory("web"));
        Assert.Equal(2, web.Containers);
        Assert.Equal(128, web.MemoryBytes);
        Assert.Equal(2, Assert.Single(_book.HostHistory("h1")).Containers);
        Assert.Equal(["bh-a", "bh-c"], _book.OnHost("h1").Select(t => t.Container.Name));
        Assert.Equal("id-b", _book.Find("bh-b")!.Container.Id);
    }

    [Fact]
    public void Containers_gone_from_a_host_that_answered_are_forgotten_but_not_those_of_a_host_that_did_not()
    {
        var a = Sampled(new ManagedContainer("id-a", "bh-a", "web", "h1"), T0);
        var b = Sampled(new ManagedContainer("id-b", "bh-b", "web", "h2"), T0);
        _book.EndSweep(T0, [Sweep("h1", a), Sweep("h2", b)]);

        var later = T0.AddSeconds(10);
        _book.EndSweep(later, [Sweep("h1"), new HostSweep(new SweepReport("h2", later, Reached: false, 0, 1, "down"), [])]);

        Assert.Null(_book.Find("id-a"));
        Assert.NotNull(_book.Find("id-b"));
        var web = _book.PoolHistory("web");
        Assert.Equal([2, 0], web.Select(t => t.Containers));
        Assert.False(_book.LastSweep("h2")!.Reached);
    }

    [Fact]
    public void History_is_bounded_by_its_length()
    {
        var container = new ManagedContainer("id-a", "bh-a", "web", "h1");
        for (var i = 0; i < 10; i++)
        {
            var at = T0.AddSeconds(10 * i);
            _book.EndSweep(at, [Sweep("h1", Sampled(container, at))]);
        }

        Assert.Equal(3, _book.Find("id-a")!.History.ToList().Count);
        Assert.Equal(3, _book.HostHistory("h1").Count);
    }

    private SampledContainer Sampled(ManagedContainer container, DateTimeOffset at) =>
        new(container, _book.Track(container).Record(ContainerSampleTests.Reading(at, cpuNs: 1, rx: 1, written: 1)));

    private static HostSweep Sweep(string hostId, params SampledContainer[] samples) =>
        new(new SweepReport(hostId, T0, Reached: true, samples.Length, 1, null), samples);
}
