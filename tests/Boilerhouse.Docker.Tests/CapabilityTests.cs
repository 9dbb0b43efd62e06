using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Docker.Tests;

/// <summary>Every capability is dropped in the engine, whatever cap_drop says; only cap_add's names come back.</summary>
public sealed class CapabilityTests : DockerTestScope
{
    // Bit 0 of the capability masks in /proc/<pid>/status.
    private const string OnlyChown = "0000000000000001";

    [Fact]
    public void ToCreateParameters_drops_all_even_for_a_spec_that_names_one_capability()
    {
        var workload = TestWorkloads.Sleeper() with { Security = TestWorkloads.Hardened with { CapDrop = ["NET_RAW"], CapAdd = ["CHOWN"] } };

        var parameters = ContainerSpecMapper.ToCreateParameters(new("c-1", workload, new Dictionary<string, string>()), []);

        Assert.Equal(["ALL"], parameters.HostConfig.CapDrop);
        Assert.Equal(["CHOWN"], parameters.HostConfig.CapAdd);
    }

    [Fact]
    public async Task Container_with_cap_drop_net_raw_keeps_none_of_dockers_default_capabilities()
    {
        // Given a root workload (BOILERHOUSE_ALLOW_ROOT) written as cap_drop: [NET_RAW], cap_add: [CHOWN],
        // so capabilities are effective and the difference from Docker's default set shows.
        var yaml = """
            x-boilerhouse: { id: caps }
            image: boilerhouse/busybox:local
            command: ["sleep", "3600"]
            user: "0:0"
            cap_drop: [NET_RAW]
            cap_add: [CHOWN]
            network_mode: none
            """;
        var parsed = Boilerhouse.Core.Workloads.Parsing.WorkloadParser.Parse(yaml, "caps.yaml", new WorkloadPolicy { AllowRoot = true });
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));

        // When
        var id = await Runtime.CreateAsync(Request("caps", parsed.Spec), Ct);
        await Runtime.StartAsync(id, Ct);
        var container = await Client.Containers.InspectContainerAsync(id, Ct);
        var status = await Runtime.ExecAsync(id, ["grep", "-E", "^Cap(Eff|Bnd):", "/proc/self/status"], Ct);
        var chown = await Runtime.ExecAsync(id, ["sh", "-c", "touch /tmp/f && chown 1234 /tmp/f"], Ct);
        var mknod = await Runtime.ExecAsync(id, ["mknod", "/tmp/null", "c", "1", "3"], Ct);

        // Then: the engine drops ALL and adds back only CHOWN; MKNOD, a Docker default, is gone.
        Assert.Equal(["ALL"], container.HostConfig.CapDrop);
        Assert.Equal(["CHOWN"], container.HostConfig.CapAdd);
        Assert.Equal(0, status.ExitCode);
        Assert.Equal([$"CapBnd:\t{OnlyChown}", $"CapEff:\t{OnlyChown}"], status.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
        Assert.Equal(0, chown.ExitCode);
        Assert.NotEqual(0, mknod.ExitCode);
    }
}
