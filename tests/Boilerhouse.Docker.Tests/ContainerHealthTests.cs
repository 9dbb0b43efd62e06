using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Docker.Tests;

public sealed class ContainerHealthTests : DockerTestScope
{
    [Fact]
    public async Task Failing_health_check_throws_container_unhealthy_with_the_check_output()
    {
        var failing = new HealthCheckSpec(["CMD-SHELL", "echo probe-said-no; exit 1"], TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), 1, TimeSpan.Zero);
        var id = await Runtime.CreateAsync(Request("unhealthy", TestWorkloads.Sleeper(failing)), Ct);
        await Runtime.StartAsync(id, Ct);

        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => Runtime.WaitUntilHealthyAsync(id, HealthTimeout, Ct));

        Assert.Equal(ErrorCodes.ContainerUnhealthy, error.Code);
        Assert.Contains("unhealthy", error.Message, StringComparison.Ordinal);
        Assert.Contains("probe-said-no", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_check_false_throws_container_unhealthy()
    {
        var failing = new HealthCheckSpec(["CMD", "false"], TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), 1, TimeSpan.Zero);
        var id = await Runtime.CreateAsync(Request("false", TestWorkloads.Sleeper(failing)), Ct);
        await Runtime.StartAsync(id, Ct);

        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => Runtime.WaitUntilHealthyAsync(id, HealthTimeout, Ct));

        Assert.Equal(ErrorCodes.ContainerUnhealthy, error.Code);
    }

    [Fact]
    public async Task Exited_container_throws_container_unhealthy_with_exit_code_and_logs()
    {
        // A health check that never runs keeps the wait going until the exit (without one, "running" would already count).
        var neverChecked = new HealthCheckSpec(["CMD", "true"], TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), 3, TimeSpan.Zero);
        var workload = TestWorkloads.Shell("echo goodbye-from-workload; sleep 0.2; exit 7") with { HealthCheck = neverChecked };
        var id = await Runtime.CreateAsync(Request("exits", workload), Ct);
        await Runtime.StartAsync(id, Ct);

        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => Runtime.WaitUntilHealthyAsync(id, HealthTimeout, Ct));

        Assert.Equal(ErrorCodes.ContainerUnhealthy, error.Code);
        Assert.Contains("exited with code 7", error.Message, StringComparison.Ordinal);
        Assert.Contains("goodbye-from-workload", error.Message, StringComparison.Ordinal);
        var info = await Runtime.InspectAsync(id, Ct);
        Assert.Equal(7, info!.ExitCode);
        Assert.False(info.Running);
    }

    [Fact]
    public async Task Container_without_health_check_is_ready_once_running()
    {
        var (_, info) = await RunAsync("nocheck", TestWorkloads.Sleeper());

        Assert.True(info.Running);
        Assert.Equal(ContainerHealth.None, info.Health);
    }

    [Fact]
    public async Task Health_check_that_never_passes_in_time_throws_container_unhealthy()
    {
        var slow = new HealthCheckSpec(["CMD", "true"], TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1), 3, TimeSpan.Zero);
        var id = await Runtime.CreateAsync(Request("slow", TestWorkloads.Sleeper(slow)), Ct);
        await Runtime.StartAsync(id, Ct);

        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => Runtime.WaitUntilHealthyAsync(id, TimeSpan.FromMilliseconds(300), Ct));

        Assert.Equal(ErrorCodes.ContainerUnhealthy, error.Code);
        Assert.Contains("was not healthy within", error.Message, StringComparison.Ordinal);
        Assert.Contains("health starting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_for_a_missing_container_throws_container_not_found()
    {
        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => Runtime.WaitUntilHealthyAsync(NameFor("missing"), HealthTimeout, Ct));

        Assert.Equal(ErrorCodes.ContainerNotFound, error.Code);
    }
}
