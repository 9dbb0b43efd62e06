using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Hosts;

namespace Boilerhouse.Orchestration.Tests.Hosts;

public sealed class HostPlacementTests
{
    private static readonly ResourceNeed Small = new(0.5m, 64L * 1024 * 1024);

    [Fact]
    public void Choose_spreads_to_the_host_with_most_free_capacity()
    {
        var hosts = new[]
        {
            Host("a", capacity: new HostCapacity(10, null, null), used: Usage(6)),
            Host("b", capacity: new HostCapacity(10, null, null), used: Usage(2)),
            Host("c", capacity: new HostCapacity(4, null, null), used: Usage(1)),
        };

        Assert.Equal("b", HostPlacement.Choose(hosts, Request()).HostId);
    }

    [Fact]
    public void Choose_without_limits_picks_the_host_with_fewest_containers()
    {
        var hosts = new[] { Host("a", used: Usage(3)), Host("b", used: Usage(1)), Host("c", used: Usage(1)) };

        Assert.Equal("b", HostPlacement.Choose(hosts, Request()).HostId);
    }

    [Fact]
    public void Choose_counts_the_scarcest_budget()
    {
        // a has many container slots left but little memory; b has fewer slots but plenty of memory.
        var hosts = new[]
        {
            Host("a", capacity: new HostCapacity(100, null, 256L * 1024 * 1024), used: new HostUsage(1, 0m, 128L * 1024 * 1024)),
            Host("b", capacity: new HostCapacity(10, null, 4L * 1024 * 1024 * 1024), used: Usage(4)),
        };

        Assert.Equal("b", HostPlacement.Choose(hosts, Request()).HostId);
    }

    [Fact]
    public void Choose_only_hosts_with_every_placement_label()
    {
        var hosts = new[]
        {
            Host("a", labels: new() { ["zone"] = "a" }),
            Host("b", labels: new() { ["zone"] = "b", ["gpu"] = "true" }, used: Usage(5)),
            Host("c", labels: new() { ["zone"] = "b" }),
        };

        var result = HostPlacement.Choose(hosts, Request(new() { ["zone"] = "b", ["gpu"] = "true" }));

        Assert.Equal("b", result.HostId);
    }

    [Fact]
    public void Choose_with_labels_no_host_carries_is_refused_naming_them()
    {
        var result = HostPlacement.Choose([Host("a")], Request(new() { ["gpu"] = "true" }));

        Assert.Null(result.HostId);
        Assert.Equal(HostErrorCodes.ResourceLimitExceeded, result.ErrorCode);
        Assert.Contains("gpu=true", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_never_unhealthy_cordoned_or_draining_hosts()
    {
        var hosts = new[]
        {
            Host("a", status: HostStatus.Unhealthy),
            Host("b") with { Cordoned = true },
            Host("c") with { Cordoned = true, Draining = true },
            Host("d", used: Usage(50)),
        };

        Assert.Equal("d", HostPlacement.Choose(hosts, Request()).HostId);
    }

    [Fact]
    public void Choose_when_every_eligible_host_is_unhealthy_answers_docker_unavailable()
    {
        var hosts = new[] { Host("a", status: HostStatus.Unhealthy) with { LastError = "connection refused" } };

        var result = HostPlacement.Choose(hosts, Request());

        Assert.Equal(ErrorCodes.DockerUnavailable, result.ErrorCode);
        Assert.Contains("connection refused", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_when_all_full_is_refused_with_resource_limit_exceeded_and_why()
    {
        var hosts = new[]
        {
            Host("a", capacity: new HostCapacity(null, 1m, null), used: new HostUsage(2, 1m, 0)),
            Host("b") with { Cordoned = true },
        };

        var result = HostPlacement.Choose(hosts, Request());

        Assert.Null(result.HostId);
        Assert.Equal(HostErrorCodes.ResourceLimitExceeded, result.ErrorCode);
        Assert.Contains("a is full (CPUs 1/1)", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("b is cordoned", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_prefers_hosts_whose_last_check_passed()
    {
        var hosts = new[] { Host("a") with { ConsecutiveFailures = 1 }, Host("b", used: Usage(9)) };

        Assert.Equal("b", HostPlacement.Choose(hosts, Request()).HostId);
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void Fits_checks_every_budget_after_placing(int used, bool fits)
    {
        var host = Host("a", capacity: new HostCapacity(4, 2m, null), used: new HostUsage(used, used * 0.5m, 0));

        Assert.Equal(fits, HostPlacement.Fits(host, Small));
    }

    private static PlacementRequest Request(Dictionary<string, string>? labels = null, string? runtime = null) =>
        new("pool", "bh-pool-1", labels ?? [], Small, runtime);

    private static HostView WithRuntimes(HostView host, params string[] runtimes) =>
        host with { Engine = new HostEngine("28.0", "1.48", "Debian", 2, 1L << 34, 0, 0, runtimes) };

    [Fact]
    public void Choose_skips_hosts_whose_engine_lacks_the_workloads_runtime()
    {
        var hosts = new[] { WithRuntimes(Host("a"), "runc"), WithRuntimes(Host("b", used: Usage(5)), "runc", "runsc") };

        Assert.Equal("b", HostPlacement.Choose(hosts, Request(runtime: "runsc")).HostId);
    }

    [Fact]
    public void Choose_may_use_a_host_not_checked_yet_for_a_runtime()
    {
        var hosts = new[] { WithRuntimes(Host("a"), "runc"), Host("b", used: Usage(5)) };

        Assert.Equal("b", HostPlacement.Choose(hosts, Request(runtime: "runsc")).HostId);
    }

    [Fact]
    public void Choose_when_no_host_has_the_runtime_is_refused_naming_it_and_what_hosts_have()
    {
        var hosts = new[] { WithRuntimes(Host("a"), "runc"), WithRuntimes(Host("b"), "io.containerd.runc.v2", "runc") };

        var result = HostPlacement.Choose(hosts, Request(runtime: "runsc"));

        Assert.Null(result.HostId);
        Assert.Equal(HostErrorCodes.RuntimeUnavailable, result.ErrorCode);
        Assert.Contains("'runsc'", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("b has io.containerd.runc.v2, runc", result.ErrorMessage, StringComparison.Ordinal);
    }

    private static HostUsage Usage(int containers) => new(containers, containers * Small.Cpus, containers * Small.MemoryBytes);

    private static HostView Host(
        string id, Dictionary<string, string>? labels = null, HostCapacity? capacity = null, HostUsage? used = null, HostStatus status = HostStatus.Healthy) =>
        new(id, $"tcp://{id}:2376", labels ?? [], status, false, false, 0, null, null, null, null, capacity ?? HostCapacity.Unlimited, used ?? HostUsage.None,
            status == HostStatus.Unhealthy ? HostCondition.Unhealthy : HostCondition.Ready);
}
