using Boilerhouse.Core.Containers;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;
using Docker.DotNet.Models;

namespace Boilerhouse.IntegrationTests.Isolation;

/// <summary>
/// Pool networks on the local engine: made once per pool when the pool first warms a container there,
/// remembered (later containers cost no network call), never shared between pools, and reaped by the
/// orphan reaping once no loaded workload uses them.
/// </summary>
public sealed class PoolNetworkLifecycleTests : IAsyncLifetime
{
    private const string Three = "net-three";
    private const string Open = "net-open";

    private BoilerhouseApp _app = null!;

    public Task InitializeAsync()
    {
        _app = BoilerhouseApp.Start(new Dictionary<string, string>
        {
            [$"{Three}.yaml"] = Sleeper(Three, min: 3, extension: null),
            [$"{Open}.yaml"] = Sleeper(Open, min: 1, extension: "network: { egress: allow }"),
        });
        return Task.CompletedTask;
    }

    private static string Sleeper(string id, int min, string? extension) => new WorkloadYaml(id)
    {
        MinSize = min,
        MaxSize = min,
        NetworkMode = null,
        Extension = extension,
    }.ToString();

    [Fact]
    public async Task Pool_network_is_made_once_isolated_and_remembered()
    {
        var containers = await RunningAsync(Three, 3);

        var network = Assert.Single(await NetworksOfAsync(Three));
        var expected = PoolNetwork.For(_app.InstanceId, Three, Core.Workloads.Egress.Deny, "local");
        Assert.Equal(expected.Name, network.Name);
        Assert.Equal("false", network.Options["com.docker.network.bridge.enable_icc"]);
        Assert.Equal(expected.BridgeName, network.Options["com.docker.network.bridge.name"]);
        Assert.StartsWith("bhp-", expected.BridgeName, StringComparison.Ordinal);
        Assert.True(network.Internal); // no ports published: egress denied by default
        foreach (var container in containers)
        {
            var inspected = await DockerProbe.Client.Containers.InspectContainerAsync(container.ID);
            Assert.Equal([expected.Name], inspected.NetworkSettings.Networks.Keys);
        }

        // Made by the first create, then remembered: never looked up again for the other containers.
        Assert.Single(_app.Logs.Lines, l => l.Contains($"Created pool network {expected.Name}", StringComparison.Ordinal));
        Assert.DoesNotContain(_app.Logs.Lines, l => l.Contains($"Found pool network {expected.Name}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pools_never_share_a_network()
    {
        var three = await RunningAsync(Three, 3);
        var open = await RunningAsync(Open, 1);

        var threeNetwork = Assert.Single(await NetworksOfAsync(Three));
        var openNetwork = Assert.Single(await NetworksOfAsync(Open));
        Assert.NotEqual(threeNetwork.Name, openNetwork.Name);
        Assert.False(openNetwork.Internal); // egress: allow
        Assert.All(three, c => Assert.Equal([threeNetwork.Name], c.NetworkSettings.Networks.Keys));
        Assert.All(open, c => Assert.Equal([openNetwork.Name], c.NetworkSettings.Networks.Keys));
    }

    [Fact]
    public async Task Unused_pool_network_is_reaped()
    {
        await RunningAsync(Three, 3);
        // A network of this installation for a pool that no longer exists (its workload file was removed).
        var gone = PoolNetwork.For(_app.InstanceId, "net-gone", Core.Workloads.Egress.Deny, "local");
        await DockerProbe.Client.Networks.CreateNetworkAsync(new NetworksCreateParameters
        {
            Name = gone.Name,
            Internal = true,
            Labels = new Dictionary<string, string>(gone.Labels),
            Options = new Dictionary<string, string> { ["com.docker.network.bridge.enable_icc"] = "false", ["com.docker.network.bridge.name"] = gone.BridgeName },
        });

        await ApiExtensions.WaitUntilAsync(async () => (await NetworksOfAsync("net-gone")).Count == 0, "the unused pool network is reaped");
        Assert.Single(await NetworksOfAsync(Three)); // the live pool keeps its own
        // Logged just after Docker removed it: wait for the line rather than race it.
        await ApiExtensions.WaitUntilAsync(
            () => Task.FromResult(_app.Logs.Lines.Any(l => l.Contains($"Reaped pool network {gone.Name}", StringComparison.Ordinal))),
            "the reaping is logged", TimeSpan.FromSeconds(10));
    }

    private async Task<List<ContainerInspectResponse>> RunningAsync(string pool, int count)
    {
        await _app.Client.WaitForPoolAsync(pool, p => p.Int("warm") >= count);
        var result = new List<ContainerInspectResponse>();
        foreach (var container in await DockerProbe.ListAsync(_app.InstanceId, pool))
        {
            result.Add(await DockerProbe.Client.Containers.InspectContainerAsync(container.ID));
        }

        return result;
    }

    private async Task<List<NetworkResponse>> NetworksOfAsync(string pool)
    {
        var networks = await DockerProbe.NetworksAsync(DockerProbe.Client, _app.InstanceId);
        return [.. networks.Where(n => n.Labels.TryGetValue(ContainerLabels.Pool, out var p) && p == pool)];
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}
