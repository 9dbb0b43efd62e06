using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Workloads;

/// <summary>A changed workload replaces its warm containers and leaves claimed ones with their tenants until they release (OnReplenish).</summary>
public sealed class WorkloadRolloutTests(WorkloadHostFixture fixture) : IClassFixture<WorkloadHostFixture>
{
    private HttpClient Api => fixture.App.Client;

    [Fact]
    public async Task Changed_workload_keeps_the_claimed_container_and_replaces_the_warm_ones()
    {
        // Given a tenant holding a container of v1 and a warm v1 container
        const string id = "wl-rollout";
        await Api.SendYamlAsync(HttpMethod.Post, "/api/v1/workloads", WorkloadSteps.Worker(id, "v1", min: 1));
        await Api.WaitForWarmFlavorAsync(id, "v1", 1);
        var tenant = $"t-{Guid.NewGuid():N}"[..14];
        var claimed = await Api.ClaimOkAsync(tenant, id);
        var warmV1 = await Api.WaitForWarmFlavorAsync(id, "v1", 1);

        // When the workload changes through the API
        var (response, body) = await Api.SendYamlAsync(HttpMethod.Put, $"/api/v1/workloads/{id}", WorkloadSteps.Worker(id, "v2", min: 1));
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());

        // Then the warm container is replaced by one of v2
        var warmV2 = await Api.WaitForWarmFlavorAsync(id, "v2", 1);
        Assert.NotEqual(warmV1, warmV2);

        // And the tenant keeps its v1 container, running and claimed
        var status = await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status");
        Assert.Equal(("claimed", claimed), (status.Str("status"), status.Str("containerId")));
        var inspect = await DockerProbe.InspectAsync(claimed);
        Assert.True(inspect!.State.Running);
        Assert.Equal("v1", await WorkloadSteps.FlavorOfAsync(claimed));
        var containers = (await Api.GetJsonAsync($"/api/v1/pools/{id}/containers")).AsArray();
        Assert.Contains(containers, c => c!.Str("containerId") == claimed && c!.Str("status") == "claimed");

        // When it releases, its old container goes and its next claim gets the new spec
        await Api.ReleaseOkAsync(tenant);
        await ApiExtensions.WaitUntilAsync(async () => await DockerProbe.InspectAsync(claimed) is null, "the released v1 container is removed");
        var next = await Api.ClaimOkAsync(tenant, id);
        Assert.Equal("v2", await WorkloadSteps.FlavorOfAsync(next));
        await Api.ReleaseOkAsync(tenant);
    }

    [Fact]
    public async Task Changing_only_the_pool_sizes_keeps_the_warm_containers()
    {
        const string id = "wl-rollout-sizes";
        await Api.SendYamlAsync(HttpMethod.Post, "/api/v1/workloads", WorkloadSteps.Worker(id, "s", min: 1, max: 3));
        var warm = await Api.WaitForWarmFlavorAsync(id, "s", 1);

        var (response, _) = await Api.SendYamlAsync(HttpMethod.Put, $"/api/v1/workloads/{id}", WorkloadSteps.Worker(id, "s", min: 2, max: 4));

        Assert.True(response.IsSuccessStatusCode);
        var after = await Api.WaitForWarmFlavorAsync(id, "s", 2);
        Assert.Contains(warm[0], after);
    }
}
