using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Docker.Tests;

public sealed class ContainerSpecMapperTests
{
    private static ContainerRequest Request(WorkloadSpec workload) =>
        new("c-1", workload, new Dictionary<string, string> { [ContainerLabels.Pool] = "p", ["example.workload"] = "from-request" });

    [Fact]
    public void ToCreateParameters_puts_the_container_on_its_pool_network_with_the_workloads_dns()
    {
        var workload = TestWorkloads.Sleeper() with { NetworkMode = "bridge", Network = new NetworkSpec(Egress.Deny, ["10.0.0.2"]) };
        var network = PoolNetwork.For("prod", "p", Egress.Deny, "local");

        var parameters = ContainerSpecMapper.ToCreateParameters(Request(workload) with { Network = network }, []);

        Assert.Equal(network.Name, parameters.HostConfig.NetworkMode);
        Assert.Equal(["10.0.0.2"], parameters.HostConfig.DNS);
    }

    [Fact]
    public void ToCreateParameters_without_a_pool_network_keeps_the_workloads_mode()
    {
        var parameters = ContainerSpecMapper.ToCreateParameters(Request(TestWorkloads.Sleeper() with { NetworkMode = "none" }), []);

        Assert.Equal("none", parameters.HostConfig.NetworkMode);
        Assert.Null(parameters.HostConfig.DNS);
    }

    [Fact]
    public void VolumesFor_names_role_volumes_by_role_and_plain_ones_by_index()
    {
        var workload = TestWorkloads.Sleeper() with
        {
            Volumes = [new("/state", false, VolumeRole.State), new("/data", true, VolumeRole.None), new("/secrets", true, VolumeRole.Secrets)],
        };

        var volumes = ContainerSpecMapper.VolumesFor(Request(workload));

        Assert.Equal(
            [new("c-1-state", "/state", false, VolumeRole.State), new("c-1-1", "/data", true, VolumeRole.None), new ContainerVolume("c-1-secrets", "/secrets", true, VolumeRole.Secrets)],
            volumes);
    }

    [Fact]
    public void VolumeLabels_mark_owner_role_and_keep_request_labels()
    {
        var request = Request(TestWorkloads.Sleeper());

        var labels = ContainerSpecMapper.VolumeLabels(request, new ContainerVolume("c-1-config", "/config", false, VolumeRole.Config));

        Assert.Equal("true", labels[ContainerLabels.Managed]);
        Assert.Equal("c-1", labels[ContainerLabels.Container]);
        Assert.Equal("config", labels[ContainerLabels.Role]);
        Assert.Equal("p", labels[ContainerLabels.Pool]);
    }

    [Fact]
    public void ToCreateParameters_lets_request_labels_win_over_workload_labels()
    {
        var parameters = ContainerSpecMapper.ToCreateParameters(Request(TestWorkloads.Sleeper()), []);

        Assert.Equal("from-request", parameters.Labels["example.workload"]);
        Assert.Equal("true", parameters.Labels[ContainerLabels.Managed]);
    }

    [Fact]
    public void ToCreateParameters_leaves_host_port_empty_so_docker_picks_one()
    {
        var workload = TestWorkloads.Httpd() with { Ports = [new(8080, "TCP", "127.0.0.1", null), new(9090, "udp", "0.0.0.0", 19090)] };

        var parameters = ContainerSpecMapper.ToCreateParameters(Request(workload), []);

        Assert.Equal(["8080/tcp", "9090/udp"], parameters.ExposedPorts.Keys.Order());
        var http = Assert.Single(parameters.HostConfig.PortBindings["8080/tcp"]);
        Assert.Equal(("127.0.0.1", ""), (http.HostIP, http.HostPort));
        var udp = Assert.Single(parameters.HostConfig.PortBindings["9090/udp"]);
        Assert.Equal(("0.0.0.0", "19090"), (udp.HostIP, udp.HostPort));
    }

    [Fact]
    public void ToCreateParameters_converts_health_check_times_to_nanoseconds()
    {
        var health = ContainerSpecMapper.ToHealthConfig(new HealthCheckSpec(["CMD", "true"], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 4, TimeSpan.FromMilliseconds(1500)));

        Assert.Equal(["CMD", "true"], health.Test);
        Assert.Equal(TimeSpan.FromSeconds(2), health.Interval);
        Assert.Equal(1_500_000_000, health.StartPeriod);
        Assert.Equal(4, health.Retries);
    }

    [Fact]
    public void ToCreateParameters_keeps_image_command_when_workload_has_none_and_skips_unset_limits()
    {
        var workload = TestWorkloads.Sleeper() with
        {
            Command = null,
            Resources = new ResourceSpec(0m, 0, 0m, 0, 0),
            Security = TestWorkloads.Hardened with { Runtime = "" },
        };

        var parameters = ContainerSpecMapper.ToCreateParameters(Request(workload), []);

        Assert.Null(parameters.Cmd);
        Assert.Null(parameters.Entrypoint);
        Assert.Null(parameters.HostConfig.Runtime);
        Assert.Equal(0, parameters.HostConfig.Memory);
        Assert.Equal(0, parameters.HostConfig.MemorySwap);
        Assert.Null(parameters.HostConfig.PidsLimit);
    }

    [Fact]
    public void ToCreateParameters_adds_a_tmp_scratch_unless_a_volume_covers_it()
    {
        var withScratch = ContainerSpecMapper.ToCreateParameters(Request(TestWorkloads.Sleeper()), []);
        var tmpVolume = new ContainerVolume("c-1-0", "/tmp/", false, VolumeRole.None);
        var withoutScratch = ContainerSpecMapper.ToCreateParameters(Request(TestWorkloads.Sleeper()), [tmpVolume]);

        Assert.Equal(ContainerSpecMapper.ScratchOptions, withScratch.HostConfig.Tmpfs["/tmp"]);
        Assert.Null(withoutScratch.HostConfig.Tmpfs);
    }
}
