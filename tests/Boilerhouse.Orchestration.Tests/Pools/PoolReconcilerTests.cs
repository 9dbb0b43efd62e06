using Boilerhouse.Core.Containers;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;
using static Boilerhouse.Orchestration.Tests.Pools.PoolBookFixture;

namespace Boilerhouse.Orchestration.Tests.Pools;

public sealed class PoolReconcilerTests
{
    private static readonly string[] BothHosts = [HostA, HostB];

    private static PoolReconciler ReconcilerOf(PoolBookFixture pool) => new(pool.Book, Generation, hostCount: 2);

    private static Dictionary<string, ContainerStatus> Records(params (string Name, ContainerStatus Status)[] records) =>
        records.ToDictionary(r => r.Name, r => r.Status);

    [Fact]
    public void Reconcile_adopts_a_healthy_warm_container_of_the_current_spec()
    {
        var pool = new PoolBookFixture(min: 2, max: 2, reconciled: false);

        var decided = ReconcilerOf(pool).Reconcile(Live(BothHosts, (HostA, Info("c1"))), Records(("c1", ContainerStatus.Warm)));

        Assert.Empty(decided.Reaped);
        Assert.Equal(["c1"], pool.Book.Warm);
        Assert.Equal(HostA, pool.Book.Members.Single().HostId);
        Assert.Equal(pool.Clock.GetUtcNow(), pool.Book.Members.Single().ReadyAt);
    }

    [Fact]
    public void Reconcile_adopts_a_running_container_without_a_health_check()
    {
        var pool = new PoolBookFixture(min: 1, max: 1, reconciled: false);

        ReconcilerOf(pool).Reconcile(Live(BothHosts, (HostA, Info("c1", health: ContainerHealth.None))), Records(("c1", ContainerStatus.Warm)));

        Assert.Equal(["c1"], pool.Book.Warm);
    }

    [Fact]
    public void Reconcile_reaps_a_container_of_an_older_spec()
    {
        var pool = new PoolBookFixture(min: 1, max: 1, reconciled: false);

        var decided = ReconcilerOf(pool).Reconcile(Live(BothHosts, (HostA, Info("c1", generation: "gen-0"))), Records(("c1", ContainerStatus.Warm)));

        Assert.Equal(["c1"], decided.Reaped.Select(m => m.Name));
        Assert.Equal(ContainerStatus.Removing, decided.Reaped[0].Status);
        Assert.Empty(pool.Book.Warm);
    }

    [Theory]
    [InlineData(false, ContainerHealth.Healthy)]
    [InlineData(true, ContainerHealth.Unhealthy)]
    [InlineData(true, ContainerHealth.Starting)]
    public void Reconcile_reaps_a_container_that_is_stopped_or_not_healthy(bool running, ContainerHealth health)
    {
        var pool = new PoolBookFixture(min: 1, max: 1, reconciled: false);

        var decided = ReconcilerOf(pool).Reconcile(Live(BothHosts, (HostA, Info("c1", running, health))), Records(("c1", ContainerStatus.Warm)));

        Assert.Equal(["c1"], decided.Reaped.Select(m => m.Name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(ContainerStatus.Starting)]
    [InlineData(ContainerStatus.Removing)]
    public void Reconcile_reaps_a_container_whose_record_does_not_say_warm(ContainerStatus? recorded)
    {
        var pool = new PoolBookFixture(min: 1, max: 1, reconciled: false);
        var records = recorded is { } status ? Records(("c1", status)) : Records();

        var decided = ReconcilerOf(pool).Reconcile(Live(BothHosts, (HostA, Info("c1"))), records);

        Assert.Equal(["c1"], decided.Reaped.Select(m => m.Name));
        Assert.Equal("id-c1", decided.Reaped[0].ContainerId);
        Assert.Equal(HostA, decided.Reaped[0].HostId);
    }

    [Fact]
    public void Reconcile_adopts_no_more_than_max_size()
    {
        var pool = new PoolBookFixture(min: 1, max: 2, reconciled: false);
        pool.Claimed("claimed", "t1");

        var decided = ReconcilerOf(pool).Reconcile(
            Live(BothHosts, (HostA, Info("claimed")), (HostA, Info("w1")), (HostB, Info("w2"))),
            Records(("claimed", ContainerStatus.Claimed), ("w1", ContainerStatus.Warm), ("w2", ContainerStatus.Warm)));

        Assert.Equal(["w1"], pool.Book.Warm);
        Assert.Equal(["w2"], decided.Reaped.Select(m => m.Name));
    }

    [Fact]
    public void Reconcile_does_not_adopt_on_a_draining_host()
    {
        var pool = new PoolBookFixture(min: 2, max: 2, reconciled: false);
        pool.SetHost(HostB, HostCondition.Draining);

        var decided = ReconcilerOf(pool).Reconcile(
            Live(BothHosts, (HostA, Info("w1")), (HostB, Info("w2"))),
            Records(("w1", ContainerStatus.Warm), ("w2", ContainerStatus.Warm)));

        Assert.Equal(["w1"], pool.Book.Warm);
        Assert.Equal(["w2"], decided.Reaped.Select(m => m.Name));
    }

    [Fact]
    public void Reconcile_keeps_a_claimed_container_with_its_tenant()
    {
        var pool = new PoolBookFixture(min: 1, max: 2, reconciled: false);
        pool.Claimed("c1", "tenant-1");

        var decided = ReconcilerOf(pool).Reconcile(Live(BothHosts, (HostA, Info("c1", generation: "gen-0"))), Records(("c1", ContainerStatus.Claimed)));

        Assert.Empty(decided.Reaped);
        Assert.Empty(decided.Vanished);
        Assert.Empty(pool.Book.Warm);
        Assert.Equal("tenant-1", pool.Book.Members.Single().TenantId);
    }

    [Fact]
    public void Reconcile_calls_records_of_gone_unclaimed_containers_stale()
    {
        var pool = new PoolBookFixture(min: 1, max: 3, reconciled: false);
        pool.Claimed("claimed-elsewhere", "t1", hostId: null);

        var decided = new PoolReconciler(pool.Book, Generation, hostCount: 3).Reconcile(
            Live(BothHosts, (HostA, Info("alive"))),
            Records(("alive", ContainerStatus.Warm), ("gone-warm", ContainerStatus.Warm), ("gone-starting", ContainerStatus.Starting),
                ("claimed-elsewhere", ContainerStatus.Claimed)));

        Assert.Equal(["gone-starting", "gone-warm"], decided.StaleRecords.Order());
    }

    [Fact]
    public void Reconcile_forgets_a_claimed_container_that_vanished_from_a_host_that_answered()
    {
        var pool = new PoolBookFixture(min: 1, max: 2, reconciled: false);
        pool.Claimed("c1", "tenant-1", HostA);

        var decided = ReconcilerOf(pool).Reconcile(Live(BothHosts), Records(("c1", ContainerStatus.Claimed)));

        Assert.Equal(["c1"], decided.Vanished.Select(m => m.Name));
        Assert.Equal("tenant-1", decided.Vanished[0].TenantId);
        Assert.Empty(pool.Book.Members);
        Assert.Empty(decided.StaleRecords);
    }

    [Fact]
    public void Reconcile_keeps_a_claimed_container_whose_host_did_not_answer()
    {
        var pool = new PoolBookFixture(min: 1, max: 2, reconciled: false);
        pool.Claimed("c1", "tenant-1", HostB);

        var decided = ReconcilerOf(pool).Reconcile(Live([HostA]), Records(("c1", ContainerStatus.Claimed)));

        Assert.Empty(decided.Vanished);
        Assert.True(pool.Book.TryGet("c1", out _));
    }

    [Fact]
    public void Claimed_container_of_unknown_host_learns_it_from_the_listing()
    {
        var pool = new PoolBookFixture(min: 1, max: 2);
        var member = pool.Claimed("c1", "tenant-1", hostId: null);

        var dead = ReconcilerOf(pool).FindDead(Live([HostB], (HostB, Info("c1"))));

        Assert.Empty(dead.Vanished);
        Assert.Equal(HostB, member.HostId);
    }

    [Fact]
    public void Claimed_container_of_unknown_host_is_judged_vanished_only_when_every_host_answered()
    {
        var pool = new PoolBookFixture(min: 1, max: 2);
        pool.Claimed("c1", "tenant-1", hostId: null);

        Assert.Empty(ReconcilerOf(pool).FindDead(Live([HostA])).Vanished);
        Assert.Equal(["c1"], ReconcilerOf(pool).FindDead(Live(BothHosts)).Vanished.Select(m => m.Name));
    }

    [Fact]
    public void Reap_unknown_reaps_only_containers_the_pool_does_not_know()
    {
        var pool = new PoolBookFixture(min: 1, max: 3);
        pool.Warm("known");
        pool.Claimed("claimed", "t1");

        var reaped = ReconcilerOf(pool).ReapUnknown(Live(BothHosts, (HostA, Info("known")), (HostA, Info("claimed")), (HostB, Info("stranger"))));

        Assert.Equal(["stranger"], reaped.Select(m => m.Name));
        Assert.Equal(HostB, reaped[0].HostId);
        Assert.Equal(ContainerStatus.Removing, pool.Book.Members.Single(m => m.Name == "stranger").Status);
    }

    [Fact]
    public void Reap_unknown_reaps_a_name_listed_twice_once()
    {
        var pool = new PoolBookFixture(min: 1, max: 3);

        var reaped = ReconcilerOf(pool).ReapUnknown(Live(BothHosts, (HostA, Info("twin")), (HostB, Info("twin"))));

        Assert.Single(reaped);
    }

    [Theory]
    [InlineData(false, ContainerHealth.Healthy)]
    [InlineData(true, ContainerHealth.Unhealthy)]
    public void Find_dead_writes_off_a_warm_container_that_stopped_or_turned_unhealthy(bool running, ContainerHealth health)
    {
        var pool = new PoolBookFixture(min: 2, max: 2);
        pool.Warm("sick");
        pool.Warm("fine");

        var dead = ReconcilerOf(pool).FindDead(Live(BothHosts, (HostA, Info("sick", running, health)), (HostA, Info("fine"))));

        Assert.Equal(["sick"], dead.DeadWarm.Select(m => m.Name));
        Assert.Equal(ContainerStatus.Unhealthy, dead.DeadWarm[0].Status);
        Assert.Equal(["fine"], pool.Book.Warm);
        // It holds its place toward max_size until its removal is reported.
        Assert.Equal(0, pool.Book.ContainersToStart());
        pool.Book.Remove("sick");
        Assert.Equal(1, pool.Book.ContainersToStart());
    }

    [Fact]
    public void Find_dead_writes_off_a_warm_container_missing_from_its_host()
    {
        var pool = new PoolBookFixture(min: 1, max: 1);
        pool.Warm("missing", HostA);

        var dead = ReconcilerOf(pool).FindDead(Live(BothHosts));

        Assert.Equal(["missing"], dead.DeadWarm.Select(m => m.Name));
        Assert.Empty(pool.Book.Warm);
    }

    [Fact]
    public void Find_dead_judges_nothing_on_a_host_that_did_not_answer()
    {
        var pool = new PoolBookFixture(min: 1, max: 1);
        pool.Warm("on-b", HostB);

        var dead = ReconcilerOf(pool).FindDead(Live([HostA]));

        Assert.Empty(dead.DeadWarm);
        Assert.Equal(["on-b"], pool.Book.Warm);
    }
}
