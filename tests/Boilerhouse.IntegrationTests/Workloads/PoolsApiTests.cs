using System.Net;
using System.Net.Http.Json;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Workloads;

/// <summary>Several pools per workload: declared in the file (x-boilerhouse.pools) and through POST/PUT/DELETE /api/v1/pools, written back.</summary>
public sealed class PoolsApiTests(WorkloadHostFixture fixture) : IClassFixture<WorkloadHostFixture>
{
    private HttpClient Api => fixture.App.Client;

    private string FileOf(string id) => Path.Combine(fixture.Folder, $"{id}.yaml");

    private async Task NewWorkloadAsync(string yaml)
    {
        var (response, body) = await Api.SendYamlAsync(HttpMethod.Post, "/api/v1/workloads", yaml);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
    }

    [Fact]
    public async Task Workload_with_two_pools_warms_each_and_a_claim_names_its_pool()
    {
        // Given a workload file declaring two pools
        await NewWorkloadAsync(WorkloadSteps.Worker("wl-two", "two", pools: "[{ id: wl-two-a, min_size: 1, max_size: 2 }, { id: wl-two-b, min_size: 2, max_size: 3 }]"));

        // Then each pool warms to its own min_size with containers of the one spec, labelled with their pool and workload
        var a = await Api.WaitForWarmFlavorAsync("wl-two-a", "two", 1);
        var b = await Api.WaitForWarmFlavorAsync("wl-two-b", "two", 2);
        var pools = (await Api.GetJsonAsync("/api/v1/pools")).AsArray().Where(p => p!.Str("workloadId") == "wl-two").ToList();
        Assert.Equal(["wl-two-a", "wl-two-b"], pools.Select(p => p!.Str("id")).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("/api/v1/pools/wl-two")).StatusCode);
        var workload = (await Api.GetJsonAsync("/api/v1/workloads"))["workloads"]!.AsArray().Single(w => w!.Str("id") == "wl-two")!;
        Assert.Equal(["wl-two-a", "wl-two-b"], workload["pools"]!.AsArray().Select(p => p!.GetValue<string>()));
        var inspected = await DockerProbe.InspectAsync(b[0]);
        Assert.Equal(("wl-two-b", "wl-two"), (inspected!.Config.Labels["boilerhouse.pool"], inspected.Config.Labels["boilerhouse.workload"]));

        // When a tenant claims in pool b
        var tenant = $"t-{Guid.NewGuid():N}"[..14];
        var container = await Api.ClaimOkAsync(tenant, "wl-two-b");

        // Then it gets one of b's warm containers, and pool a is untouched
        Assert.Contains(container, b);
        Assert.Equal("wl-two-b", (await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status")).Str("poolId"));
        Assert.Equal(a, await Api.WarmIdsAsync("wl-two-a"));
        await Api.ReleaseOkAsync(tenant);
    }

    [Fact]
    public async Task Post_adds_a_pool_to_the_file_and_keeps_the_first_pool_and_its_warm_containers()
    {
        // Given a workload with a single pool block and a warm container
        const string id = "wl-add";
        await NewWorkloadAsync(WorkloadSteps.Worker(id, "add", min: 1, max: 2));
        var warm = await Api.WaitForWarmFlavorAsync(id, "add", 1);

        // When a second pool is added
        var (response, body) = await Api.SendJsonAsync(HttpMethod.Post, "/api/v1/pools",
            new { id = "wl-add-eu", workload = id, min_size = 2, max_size = 3, idle_timeout = "10m" });

        // Then it runs at once, the file lists both pools (its comments kept) and the first pool kept its containers
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        Assert.Equal("/api/v1/pools/wl-add-eu", response.Headers.Location!.ToString());
        Assert.Equal((id, 2, 3), (body.Str("workloadId"), body.Int("minSize"), body.Int("maxSize")));
        Assert.Equal(response.Headers.ETag!.ToString(), await Api.ETagOfAsync(id));
        var file = await File.ReadAllTextAsync(FileOf(id));
        Assert.Contains("  pools:\n    - { id: wl-add, min_size: 1, max_size: 2, idle_timeout: 30m }\n    - { id: wl-add-eu, min_size: 2, max_size: 3, idle_timeout: 10m }\n", file, StringComparison.Ordinal);
        Assert.Contains("# which version", file, StringComparison.Ordinal);
        Assert.DoesNotContain("pool:", file, StringComparison.Ordinal);
        await Api.WaitForWarmFlavorAsync("wl-add-eu", "add", 2);
        Assert.Equal(warm, await Api.WarmIdsAsync(id));
    }

    [Fact]
    public async Task Put_replaces_a_pools_declaration_and_a_stale_if_match_answers_412()
    {
        // Given
        const string id = "wl-put";
        await NewWorkloadAsync(WorkloadSteps.Worker(id, "put", pools: "[{ id: wl-put-a, min_size: 1, max_size: 2 }, { id: wl-put-b, min_size: 0, max_size: 1 }]"));
        var etag = await Api.ETagOfAsync(id);

        // When pool b is replaced with the workload's ETag
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/pools/wl-put-b") { Content = JsonContent.Create(new { min_size = 2, max_size = 4, idle_timeout = "1h" }) };
        put.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await Api.SendAsync(put);

        // Then it takes effect and is written back; pool a is unchanged
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Api.WaitForWarmFlavorAsync("wl-put-b", "put", 2);
        var file = await File.ReadAllTextAsync(FileOf(id));
        Assert.Contains("- { id: wl-put-a, min_size: 1, max_size: 2, idle_timeout: 30m }", file, StringComparison.Ordinal);
        Assert.Contains("- { id: wl-put-b, min_size: 2, max_size: 4, idle_timeout: 1h }", file, StringComparison.Ordinal);

        // When someone writes with the ETag read before that change
        using var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/pools/wl-put-b") { Content = JsonContent.Create(new { min_size = 0 }) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        var refused = await Api.SendAsync(stale);

        // Then 412 and the file is as it was
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal(file, await File.ReadAllTextAsync(FileOf(id)));
    }

    [Fact]
    public async Task Scale_of_one_pool_of_several_edits_only_its_entry()
    {
        const string id = "wl-scale-two";
        await NewWorkloadAsync(WorkloadSteps.Worker(id, "s", pools: "[{ id: wl-scale-two-a, min_size: 1, max_size: 2 }, { id: wl-scale-two-b, min_size: 1, max_size: 2 }]"));
        var before = await File.ReadAllTextAsync(FileOf(id));

        var (response, body) = await Api.SendJsonAsync(HttpMethod.Post, "/api/v1/pools/wl-scale-two-b/scale", new { min_size = 2, max_size = 3 });

        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(before.Replace("id: wl-scale-two-b, min_size: 1, max_size: 2", "id: wl-scale-two-b, min_size: 2, max_size: 3", StringComparison.Ordinal),
            await File.ReadAllTextAsync(FileOf(id)));
        await Api.WaitForWarmFlavorAsync("wl-scale-two-b", "s", 2);
        await Api.WaitForWarmFlavorAsync("wl-scale-two-a", "s", 1);
    }

    [Fact]
    public async Task Delete_with_a_claimed_tenant_answers_409_unless_forced_and_the_last_pool_is_never_deleted()
    {
        // Given two pools, a tenant in b
        const string id = "wl-del-pool";
        await NewWorkloadAsync(WorkloadSteps.Worker(id, "del", pools: "[{ id: wl-del-pool-a, min_size: 1, max_size: 2 }, { id: wl-del-pool-b, min_size: 1, max_size: 2 }]"));
        await Api.WaitForWarmFlavorAsync("wl-del-pool-b", "del", 1);
        var warmA = await Api.WaitForWarmFlavorAsync("wl-del-pool-a", "del", 1);
        var tenant = $"t-{Guid.NewGuid():N}"[..14];
        await Api.ClaimOkAsync(tenant, "wl-del-pool-b");
        var before = await File.ReadAllTextAsync(FileOf(id));

        // When deleted without force: 409 naming the tenant, nothing changed
        var refused = await Api.SendJsonAsync(HttpMethod.Delete, "/api/v1/pools/wl-del-pool-b");
        Assert.Equal(HttpStatusCode.Conflict, refused.Response.StatusCode);
        Assert.Equal("POOL_IN_USE", refused.Body.Str("code"));
        Assert.Contains(tenant, refused.Body.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(FileOf(id)));

        // When forced: the tenant is released, the pool leaves the file and Docker, pool a keeps running
        var forced = await Api.SendJsonAsync(HttpMethod.Delete, "/api/v1/pools/wl-del-pool-b?force=true");
        Assert.True(forced.Response.StatusCode == HttpStatusCode.NoContent, forced.Body.ToJsonString());
        Assert.Equal("unclaimed", (await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status")).Str("status"));
        Assert.DoesNotContain("wl-del-pool-b", await File.ReadAllTextAsync(FileOf(id)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("/api/v1/pools/wl-del-pool-b")).StatusCode);
        await ApiExtensions.WaitUntilAsync(async () => (await DockerProbe.ListAsync(fixture.App.InstanceId, "wl-del-pool-b")).Count == 0,
            "the deleted pool's containers are removed");
        Assert.Equal(warmA, await Api.WarmIdsAsync("wl-del-pool-a"));

        // When the last pool is deleted: 409, delete the workload instead
        var last = await Api.SendJsonAsync(HttpMethod.Delete, "/api/v1/pools/wl-del-pool-a");
        Assert.Equal(HttpStatusCode.Conflict, last.Response.StatusCode);
        Assert.Equal("LAST_POOL", last.Body.Str("code"));
    }

    [Fact]
    public async Task Invalid_pool_changes_answer_precisely_and_change_nothing()
    {
        // Given
        const string id = "wl-bad-pool";
        await NewWorkloadAsync(WorkloadSteps.Worker(id, "bad", min: 1, max: 2));
        var before = await File.ReadAllBytesAsync(FileOf(id));

        // When
        var taken = await Api.SendJsonAsync(HttpMethod.Post, "/api/v1/pools", new { id = WorkloadHostFixture.Seed, workload = id });
        var sizes = await Api.SendJsonAsync(HttpMethod.Post, "/api/v1/pools", new { id = "wl-bad-pool-x", workload = id, min_size = 4, max_size = 2 });
        var unknownField = await Api.SendJsonAsync(HttpMethod.Post, "/api/v1/pools", new { id = "wl-bad-pool-y", workload = id, size = 2 });
        var noWorkload = await Api.SendJsonAsync(HttpMethod.Post, "/api/v1/pools", new { id = "wl-bad-pool-z", workload = "wl-nowhere" });
        var badId = await Api.SendJsonAsync(HttpMethod.Post, "/api/v1/pools", new { id = "Bad Id", workload = id });
        var missingPool = await Api.SendJsonAsync(HttpMethod.Put, "/api/v1/pools/wl-no-such-pool", new { min_size = 1 });

        // Then
        Assert.Equal((HttpStatusCode.Conflict, "POOL_EXISTS"), (taken.Response.StatusCode, taken.Body.Str("code")));
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_WORKLOAD_SPEC"), (sizes.Response.StatusCode, sizes.Body.Str("code")));
        Assert.Equal("x-boilerhouse.pools[1].max_size", sizes.Body["errors"]![0]!.Str("field"));
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_REQUEST"), (unknownField.Response.StatusCode, unknownField.Body.Str("code")));
        Assert.Equal((HttpStatusCode.NotFound, "WORKLOAD_NOT_FOUND"), (noWorkload.Response.StatusCode, noWorkload.Body.Str("code")));
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_ID"), (badId.Response.StatusCode, badId.Body.Str("code")));
        Assert.Equal((HttpStatusCode.NotFound, "POOL_NOT_FOUND"), (missingPool.Response.StatusCode, missingPool.Body.Str("code")));
        Assert.Equal(before, await File.ReadAllBytesAsync(FileOf(id)));
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("/api/v1/pools/wl-bad-pool-x")).StatusCode);
    }

    [Fact]
    public async Task Workload_put_declaring_a_pool_id_of_another_workload_answers_409_and_changes_nothing()
    {
        const string id = "wl-steal";
        await NewWorkloadAsync(WorkloadSteps.Worker(id, "steal", min: 0, max: 1));
        var before = await File.ReadAllBytesAsync(FileOf(id));

        var (response, body) = await Api.SendYamlAsync(HttpMethod.Put, $"/api/v1/workloads/{id}",
            WorkloadSteps.Worker(id, "steal", pools: $"[{{ id: {id}, min_size: 0 }}, {{ id: {WorkloadHostFixture.Seed}, min_size: 0 }}]"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("POOL_EXISTS", body.Str("code"));
        Assert.Equal(before, await File.ReadAllBytesAsync(FileOf(id)));
        Assert.Equal(WorkloadHostFixture.Seed, (await Api.GetJsonAsync($"/api/v1/pools/{WorkloadHostFixture.Seed}")).Str("workloadId"));
    }
}
