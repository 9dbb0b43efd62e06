using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Pools;
using Microsoft.Extensions.Time.Testing;

namespace Boilerhouse.Orchestration.Tests.Pools;

/// <summary>
/// A pool book on a fake clock, fed the messages the grain and its background work would send, so
/// pool logic is tested without Docker.
/// </summary>
internal sealed class PoolBookFixture
{
    public const string HostA = "host-a";
    public const string HostB = "host-b";
    public const string Generation = "gen-1";

    public PoolBookFixture(int min, int max, TimeSpan? idleTimeout = null, bool reconciled = true)
    {
        Book = new PoolBook("pool-t", new PoolSpec(min, max, idleTimeout ?? TimeSpan.FromMinutes(5)), Clock);
        if (reconciled)
        {
            Book.MarkReconciled();
        }
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public PoolBook Book { get; }

    /// <summary>A container as Docker would describe it.</summary>
    public static ContainerInfo Info(string name, bool running = true, ContainerHealth health = ContainerHealth.Healthy, string generation = Generation) =>
        new($"id-{name}", name, running, health, null,
            new Dictionary<string, string> { [ContainerLabels.Generation] = generation },
            new ContainerEndpoints("10.0.0.2", []), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Starts a container and reports it ready, as background work would.</summary>
    public PoolMember Warm(string name, string hostId = HostA)
    {
        Book.AddStarting(name);
        var outcome = Book.ContainerReady(name, hostId, Info(name));
        Assert.Equal(ReadyVerdict.Warm, outcome.Verdict);
        return outcome.Member!;
    }

    public PoolMember Claimed(string name, string tenantId, string? hostId = HostA)
    {
        var member = new PoolMember(name, Clock.GetUtcNow())
        {
            ContainerId = $"id-{name}",
            HostId = hostId,
            Status = Persistence.ContainerStatus.Claimed,
            TenantId = tenantId,
            ClaimInstanceId = $"claim-{tenantId}",
        };
        Book.Track(member);
        return member;
    }

    public void SetHost(string hostId, HostCondition condition) => Book.Hosts.Apply(new HostChange(hostId, condition, $"{condition} for the test"));

    public static LiveContainers Live(IEnumerable<string> listedHosts, params (string HostId, ContainerInfo Info)[] containers) =>
        new([.. containers.Select(c => new LiveContainer(c.HostId, c.Info))], listedHosts.ToHashSet(StringComparer.Ordinal), []);
}
