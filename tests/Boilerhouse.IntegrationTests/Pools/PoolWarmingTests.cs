using Boilerhouse.Core.Containers;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Pools;

[Collection(DockerCollection.Name)]
public sealed class PoolWarmingTests(BoilerhouseFixture fixture)
{
    private HttpClient Api => fixture.App.Client;

    [Fact]
    public async Task Pool_warms_to_min_size_with_hardened_labelled_containers()
    {
        // When
        var pool = await Api.WaitForPoolAsync(TestWorkloads.Web, p => p.Int("warm") >= 2);

        // Then
        Assert.Equal(2, pool.Int("minSize"));
        Assert.True(pool.Int("total") <= pool.Int("maxSize"));
        var containers = await DockerProbe.ListAsync(fixture.App.InstanceId, TestWorkloads.Web);
        Assert.True(containers.Count >= 2);
        foreach (var summary in containers.Where(c => c.State == "running"))
        {
            var c = (await DockerProbe.InspectAsync(summary.ID))!;
            Assert.True(c.HostConfig.ReadonlyRootfs);
            Assert.Equal("65534:65534", c.Config.User);
            Assert.Contains("ALL", c.HostConfig.CapDrop);
            Assert.Contains(c.HostConfig.SecurityOpt, o => o.StartsWith("no-new-privileges", StringComparison.Ordinal));
            Assert.Equal(64L * 1024 * 1024, c.HostConfig.Memory);
            Assert.Equal(500_000_000L, c.HostConfig.NanoCPUs);
            Assert.True(c.HostConfig.PidsLimit is > 0);
            Assert.Equal("true", c.Config.Labels[ContainerLabels.Managed]);
            Assert.Equal(TestWorkloads.Web, c.Config.Labels[ContainerLabels.Pool]);
            Assert.Equal(TestWorkloads.Web, c.Config.Labels[ContainerLabels.Workload]);
            Assert.Equal(fixture.App.InstanceId, c.Config.Labels[ContainerLabels.Instance]);
            var volumeTargets = c.Mounts.Where(m => m.Type == "volume").Select(m => m.Destination).Order().ToList();
            Assert.Equal(["/config", "/secrets", "/state"], volumeTargets);
        }
    }

    [Fact]
    public async Task Pools_list_shows_every_valid_workload_with_sizes()
    {
        var pools = (await Api.GetJsonAsync("/api/v1/pools")).AsArray();

        var ids = pools.Select(p => p!.Str("id")).Order().ToList();
        Assert.Equal([TestWorkloads.Burst, TestWorkloads.Idle, TestWorkloads.Slow, TestWorkloads.Tiny, TestWorkloads.Web], ids);
        Assert.All(pools, p => Assert.NotNull(p!["warm"]));
    }

    [Fact]
    public async Task Pool_containers_lists_warm_containers_with_ids()
    {
        await Api.WaitForPoolAsync(TestWorkloads.Web, p => p.Int("warm") >= 2);

        var containers = (await Api.GetJsonAsync($"/api/v1/pools/{TestWorkloads.Web}/containers")).AsArray();

        var warm = containers.Where(c => c!.Str("status") == "warm").ToList();
        Assert.True(warm.Count >= 2);
        Assert.All(warm, c => Assert.False(string.IsNullOrEmpty(c!.Str("containerId"))));
    }

    [Fact]
    public async Task Warm_container_removed_behind_our_back_is_replaced()
    {
        await Api.WaitForPoolAsync(TestWorkloads.Tiny, p => p.Int("warm") == 1);
        var victim = (await Api.GetJsonAsync($"/api/v1/pools/{TestWorkloads.Tiny}/containers")).AsArray()
            .Single(c => c!.Str("status") == "warm")!.Str("containerId");

        await DockerProbe.Client.Containers.RemoveContainerAsync(victim, new() { Force = true });

        await ApiExtensions.WaitUntilAsync(async () =>
        {
            var containers = (await Api.GetJsonAsync($"/api/v1/pools/{TestWorkloads.Tiny}/containers")).AsArray();
            return containers.Any(c => c!.Str("status") == "warm" && c!.Str("containerId") != victim)
                && containers.All(c => c!["containerId"]?.GetValue<string>() != victim);
        }, "the removed warm container is replaced");
    }

    [Fact]
    public async Task Warm_container_beyond_min_size_is_trimmed_once_idle_past_idle_timeout()
    {
        // Given a cold container started for a claim that is then terminated (min_size 0, idle_timeout 1s)
        await Api.WaitForPoolAsync(TestWorkloads.Slow, p => p.Int("total") == 0);
        var (_, started) = await Api.ClaimAsync($"t-{Guid.NewGuid():N}"[..14], new { poolId = TestWorkloads.Slow }, query: "");
        await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/orchestrations/{started.Str("id")}/terminate");
        var pool = await Api.GetJsonAsync($"/api/v1/pools/{TestWorkloads.Slow}");
        Assert.Equal(1, pool.Int("total"));

        // Then once it is warm and idle, the pool trims back to min_size
        await Api.WaitForPoolAsync(TestWorkloads.Slow, p => p.Int("total") == 0, TimeSpan.FromSeconds(90));
    }
}
