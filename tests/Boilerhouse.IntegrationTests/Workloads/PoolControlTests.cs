using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Workloads;

public sealed class PoolControlTests(WorkloadHostFixture fixture) : IClassFixture<WorkloadHostFixture>
{
    private HttpClient Api => fixture.App.Client;

    private string FileOf(string id) => Path.Combine(fixture.Folder, $"{id}.yaml");

    private async Task<string> NewWorkloadAsync(string id, int min, int max = 4)
    {
        var (response, body) = await Api.SendYamlAsync(HttpMethod.Post, "/api/v1/workloads", WorkloadSteps.Worker(id, "p", min, max));
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        await Api.WaitForWarmFlavorAsync(id, "p", min);
        return id;
    }

    [Fact]
    public async Task Scale_takes_effect_at_once_and_is_written_into_the_file_in_place()
    {
        // Given
        var id = await NewWorkloadAsync("wl-scale", min: 1);
        var before = await File.ReadAllTextAsync(FileOf(id));

        // When scaled up
        var (response, body) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/pools/{id}/scale", new { min_size = 3, max_size = 5 });

        // Then the pool warms to the new size and the file changed only in its numbers
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal((3, 5), (body.Int("minSize"), body.Int("maxSize")));
        await Api.WaitForPoolAsync(id, p => p.Int("warm") == 3);
        var after = await File.ReadAllTextAsync(FileOf(id));
        Assert.Equal(before.Replace("min_size: 1, max_size: 4", "min_size: 3, max_size: 5", StringComparison.Ordinal), after);
        Assert.Contains("# which version", after, StringComparison.Ordinal);
        Assert.Equal(response.Headers.ETag!.ToString(), await Api.ETagOfAsync(id));

        // When scaled down, warm containers beyond min_size go at once
        (response, _) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/pools/{id}/scale", new { min_size = 1 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Api.WaitForPoolAsync(id, p => p.Int("warm") == 1 && p.Int("total") == 1);
        await ApiExtensions.WaitUntilAsync(async () => (await DockerProbe.ListAsync(fixture.App.InstanceId, id)).Count == 1,
            "the trimmed containers are removed from Docker");
    }

    [Fact]
    public async Task Invalid_scale_answers_400_and_changes_nothing()
    {
        var id = await NewWorkloadAsync("wl-scale-invalid", min: 1);
        var before = await File.ReadAllBytesAsync(FileOf(id));

        var (tooSmall, tooSmallBody) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/pools/{id}/scale", new { min_size = 5, max_size = 2 });
        var (unknown, unknownBody) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/pools/{id}/scale", new { size = 5 });
        var (missing, _) = await Api.SendJsonAsync(HttpMethod.Post, "/api/v1/pools/wl-no-such-pool/scale", new { min_size = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, tooSmall.StatusCode);
        Assert.Equal("INVALID_WORKLOAD_SPEC", tooSmallBody.Str("code"));
        Assert.Equal("x-boilerhouse.pool.max_size", tooSmallBody["errors"]![0]!.Str("field"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("INVALID_REQUEST", unknownBody.Str("code"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(before, await File.ReadAllBytesAsync(FileOf(id)));
        var pool = await Api.GetJsonAsync($"/api/v1/pools/{id}");
        Assert.Equal((1, 4), (pool.Int("minSize"), pool.Int("maxSize")));
    }

    [Fact]
    public async Task Paused_pool_hands_out_warm_containers_but_does_not_refill_until_resumed()
    {
        // Given a paused pool with one warm container
        var id = await NewWorkloadAsync("wl-pause", min: 1);
        var (paused, pausedBody) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/pools/{id}/pause");
        Assert.True(paused.StatusCode == HttpStatusCode.OK && pausedBody["paused"]!.GetValue<bool>(), pausedBody.ToJsonString());

        // When a tenant takes it
        var tenant = $"t-{Guid.NewGuid():N}"[..14];
        await Api.ClaimOkAsync(tenant, id);

        // Then nothing new is warmed while paused (checked across several warmPools timer runs)
        var runsBefore = await WarmPoolsRunsAsync();
        await ApiExtensions.WaitUntilAsync(async () => await WarmPoolsRunsAsync() >= runsBefore + 3, "the warmPools timer runs three more times");
        var pool = await Api.GetJsonAsync($"/api/v1/pools/{id}");
        Assert.Equal((0, 0, 1), (pool.Int("warm"), pool.Int("starting"), pool.Int("claimed")));

        // When resumed, it refills
        var (resumed, resumedBody) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/pools/{id}/resume");
        Assert.False(resumedBody["paused"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        await Api.WaitForPoolAsync(id, p => p.Int("warm") == 1);
        await Api.ReleaseOkAsync(tenant);
    }

    [Fact]
    public async Task Drain_removes_warm_containers_and_keeps_claimed_ones()
    {
        // Given
        var id = await NewWorkloadAsync("wl-drain", min: 2);
        var tenant = $"t-{Guid.NewGuid():N}"[..14];
        var claimed = await Api.ClaimOkAsync(tenant, id);

        // When drained
        var (response, body) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/pools/{id}/drain");

        // Then only the claimed container is left, in the pool and in Docker, and nothing refills
        Assert.True(response.StatusCode == HttpStatusCode.OK && body["paused"]!.GetValue<bool>(), body.ToJsonString());
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            var containers = await DockerProbe.ListAsync(fixture.App.InstanceId, id);
            return containers.Count == 1 && containers[0].ID == claimed;
        }, "only the claimed container is left in Docker");
        var pool = await Api.GetJsonAsync($"/api/v1/pools/{id}");
        Assert.Equal((0, 1), (pool.Int("warm"), pool.Int("claimed")));
        Assert.Equal("claimed", (await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status")).Str("status"));
        await Api.ReleaseOkAsync(tenant);
        await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/pools/{id}/resume");
        await Api.WaitForPoolAsync(id, p => p.Int("warm") == 2);
    }

    private async Task<long> WarmPoolsRunsAsync()
    {
        var health = await Api.SendJsonAsync(HttpMethod.Get, "/api/v1/health");
        return health.Body["timers"]!.AsArray().Single(t => t!.Str("name") == "warmPools")!["runs"]!.GetValue<long>();
    }
}
