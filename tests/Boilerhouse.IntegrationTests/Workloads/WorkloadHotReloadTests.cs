using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Workloads;

/// <summary>Workload files changed by hand (as an editor or a git checkout would) are picked up without a restart.</summary>
public sealed class WorkloadHotReloadTests(WorkloadHostFixture fixture) : IClassFixture<WorkloadHostFixture>
{
    private HttpClient Api => fixture.App.Client;

    private string FileOf(string id) => Path.Combine(fixture.Folder, $"{id}.yaml");

    [Fact]
    public async Task New_file_written_by_hand_becomes_a_warm_pool()
    {
        await File.WriteAllTextAsync(FileOf("wl-hand-new"), WorkloadSteps.Worker("wl-hand-new", "hand"));

        await ApiExtensions.WaitUntilAsync(async () => (await Api.GetAsync("/api/v1/pools/wl-hand-new")).StatusCode == HttpStatusCode.OK,
            "the new workload's pool exists");
        await Api.WaitForWarmFlavorAsync("wl-hand-new", "hand", 1);
    }

    [Fact]
    public async Task Pool_added_and_removed_by_hand_is_warmed_then_removed_and_the_other_pool_keeps_its_containers()
    {
        // Given a file with one pool of a pools list
        const string id = "wl-hand-pools";
        await File.WriteAllTextAsync(FileOf(id), WorkloadSteps.Worker(id, "hp", pools: "[{ id: wl-hand-pools-a, min_size: 1, max_size: 2 }]"));
        await ApiExtensions.WaitUntilAsync(async () => (await Api.GetAsync("/api/v1/pools/wl-hand-pools-a")).StatusCode == HttpStatusCode.OK,
            "the first pool exists");
        var a = await Api.WaitForWarmFlavorAsync("wl-hand-pools-a", "hp", 1);

        // When a second pool is added by hand
        await File.WriteAllTextAsync(FileOf(id), WorkloadSteps.Worker(id, "hp",
            pools: "[{ id: wl-hand-pools-a, min_size: 1, max_size: 2 }, { id: wl-hand-pools-b, min_size: 2, max_size: 2 }]"));

        // Then it warms, and pool a keeps its container
        await ApiExtensions.WaitUntilAsync(async () => (await Api.GetAsync("/api/v1/pools/wl-hand-pools-b")).StatusCode == HttpStatusCode.OK,
            "the added pool exists");
        await Api.WaitForWarmFlavorAsync("wl-hand-pools-b", "hp", 2);
        Assert.Equal(a, await Api.WarmIdsAsync("wl-hand-pools-a"));

        // When it is removed by hand again
        await File.WriteAllTextAsync(FileOf(id), WorkloadSteps.Worker(id, "hp", pools: "[{ id: wl-hand-pools-a, min_size: 1, max_size: 2 }]"));

        // Then its containers leave Docker and pool a still has its container
        await ApiExtensions.WaitUntilAsync(async () => (await DockerProbe.ListAsync(fixture.App.InstanceId, "wl-hand-pools-b")).Count == 0,
            "the removed pool's containers are removed");
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("/api/v1/pools/wl-hand-pools-b")).StatusCode);
        Assert.Equal(a, await Api.WarmIdsAsync("wl-hand-pools-a"));
    }

    [Fact]
    public async Task Edited_file_replaces_the_warm_containers_with_the_new_spec()
    {
        // Given
        const string id = "wl-hand-edit";
        await File.WriteAllTextAsync(FileOf(id), WorkloadSteps.Worker(id, "v1", min: 2));
        var old = await Api.WaitForWarmFlavorAsync(id, "v1", 2);

        // When the file is edited in place
        await File.WriteAllTextAsync(FileOf(id), WorkloadSteps.Worker(id, "v2", min: 2));

        // Then the warm containers are new ones of the new spec, and the old ones are gone from Docker
        var fresh = await Api.WaitForWarmFlavorAsync(id, "v2", 2);
        Assert.Empty(fresh.Intersect(old));
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            foreach (var container in old)
            {
                if (await DockerProbe.InspectAsync(container) is not null)
                {
                    return false;
                }
            }

            return true;
        }, "the old spec's warm containers are removed");
    }

    [Fact]
    public async Task Invalid_edit_is_reported_and_the_last_good_version_keeps_running()
    {
        // Given
        const string id = "wl-hand-invalid";
        var good = WorkloadSteps.Worker(id, "good");
        await File.WriteAllTextAsync(FileOf(id), good);
        var warm = await Api.WaitForWarmFlavorAsync(id, "good", 1);

        // When the file is broken by hand
        await File.WriteAllTextAsync(FileOf(id), good.Replace("image:", "imagee:", StringComparison.Ordinal));

        // Then the list shows the workload as stale with the file's error
        System.Text.Json.Nodes.JsonNode? entry = null;
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            entry = (await Api.GetJsonAsync("/api/v1/workloads"))["workloads"]!.AsArray().FirstOrDefault(w => w!.Str("id") == id);
            return entry?["stale"]?.GetValue<bool>() == true;
        }, "the broken file is reported");
        Assert.Contains(entry!["errors"]!.AsArray(), e => e!.Str("field") == "imagee");
        Assert.Contains(fixture.App.Logs.Lines, l => l.Contains("imagee", StringComparison.Ordinal));

        // And the last good version keeps running: same spec, same warm container, claims work
        Assert.Equal(good, await Api.YamlOfAsync(id));
        Assert.Equal(warm, await Api.WarmIdsAsync(id));
        var tenant = $"t-{Guid.NewGuid():N}"[..14];
        Assert.Equal(warm[0], await Api.ClaimOkAsync(tenant, id));
        await Api.ReleaseOkAsync(tenant);

        // When the file is fixed, it runs again without errors
        await File.WriteAllTextAsync(FileOf(id), WorkloadSteps.Worker(id, "fixed"));
        await Api.WaitForWarmFlavorAsync(id, "fixed", 1);
        var fixedEntry = (await Api.GetJsonAsync("/api/v1/workloads"))["workloads"]!.AsArray().Single(w => w!.Str("id") == id)!;
        Assert.False(fixedEntry["stale"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Removed_file_removes_the_pool_and_its_containers()
    {
        const string id = "wl-hand-removed";
        await File.WriteAllTextAsync(FileOf(id), WorkloadSteps.Worker(id, "r"));
        await Api.WaitForWarmFlavorAsync(id, "r", 1);

        File.Delete(FileOf(id));

        await ApiExtensions.WaitUntilAsync(async () => (await Api.GetAsync($"/api/v1/pools/{id}")).StatusCode == HttpStatusCode.NotFound,
            "the pool of the removed file is gone");
        await ApiExtensions.WaitUntilAsync(async () => (await DockerProbe.ListAsync(fixture.App.InstanceId, id)).Count == 0,
            "its containers are removed");
    }

    [Fact]
    public async Task Removed_file_of_a_claimed_workload_keeps_running_until_its_tenant_releases()
    {
        // Given a tenant on the workload
        const string id = "wl-hand-held";
        await File.WriteAllTextAsync(FileOf(id), WorkloadSteps.Worker(id, "h"));
        await Api.WaitForWarmFlavorAsync(id, "h", 1);
        var tenant = $"t-{Guid.NewGuid():N}"[..14];
        var container = await Api.ClaimOkAsync(tenant, id);

        // When its file is removed by hand, the workload is kept and reported
        File.Delete(FileOf(id));
        await ApiExtensions.WaitUntilAsync(async () =>
            (await Api.GetJsonAsync("/api/v1/workloads"))["workloads"]!.AsArray().Any(w => w!.Str("id") == id && w!["stale"]!.GetValue<bool>()),
            "the removal is reported while the tenant holds its container");
        Assert.NotNull(await DockerProbe.InspectAsync(container));
        Assert.Equal("claimed", (await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status")).Str("status"));

        // Then once the tenant releases, the workload goes
        await Api.ReleaseOkAsync(tenant);
        await ApiExtensions.WaitUntilAsync(async () => (await Api.GetAsync($"/api/v1/pools/{id}")).StatusCode == HttpStatusCode.NotFound,
            "the pool goes after its last tenant released");
    }

    [Fact]
    public async Task Pool_removed_by_hand_while_claimed_keeps_its_tenant_until_it_releases()
    {
        // Given a tenant in pool b of two
        const string id = "wl-hand-held-pool";
        const string both = "[{ id: wl-hand-held-pool-a, min_size: 1, max_size: 1 }, { id: wl-hand-held-pool-b, min_size: 1, max_size: 1 }]";
        await File.WriteAllTextAsync(FileOf(id), WorkloadSteps.Worker(id, "hb", pools: both));
        await ApiExtensions.WaitUntilAsync(async () => (await Api.GetAsync("/api/v1/pools/wl-hand-held-pool-b")).StatusCode == HttpStatusCode.OK,
            "pool b exists");
        await Api.WaitForWarmFlavorAsync("wl-hand-held-pool-b", "hb", 1);
        var tenant = $"t-{Guid.NewGuid():N}"[..14];
        var container = await Api.ClaimOkAsync(tenant, "wl-hand-held-pool-b");

        // When pool b is removed from the file by hand
        await File.WriteAllTextAsync(FileOf(id), WorkloadSteps.Worker(id, "hb", pools: "[{ id: wl-hand-held-pool-a, min_size: 1, max_size: 1 }]"));

        // Then it is reported and keeps running with its tenant
        await ApiExtensions.WaitUntilAsync(async () =>
            (await Api.GetJsonAsync("/api/v1/workloads"))["errors"]!.AsArray().Any(e => e!.Str("message").Contains("pool 'wl-hand-held-pool-b' was removed", StringComparison.Ordinal)),
            "the removal is reported while the tenant holds its container");
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/api/v1/pools/wl-hand-held-pool-b")).StatusCode);
        Assert.NotNull(await DockerProbe.InspectAsync(container));
        Assert.Equal("claimed", (await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status")).Str("status"));

        // And once the tenant releases, the pool and its containers go
        await Api.ReleaseOkAsync(tenant);
        await ApiExtensions.WaitUntilAsync(async () => (await Api.GetAsync("/api/v1/pools/wl-hand-held-pool-b")).StatusCode == HttpStatusCode.NotFound,
            "the pool goes after its last tenant released");
        await ApiExtensions.WaitUntilAsync(async () => (await DockerProbe.ListAsync(fixture.App.InstanceId, "wl-hand-held-pool-b")).Count == 0,
            "the removed pool's containers are removed");
    }
}
