using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Workloads;

public sealed class WorkloadsApiTests(WorkloadHostFixture fixture) : IClassFixture<WorkloadHostFixture>
{
    private HttpClient Api => fixture.App.Client;

    private string FileOf(string id) => Path.Combine(fixture.Folder, $"{id}.yaml");

    [Fact]
    public async Task List_shows_running_workloads_with_etags_and_the_errors_of_invalid_files()
    {
        var list = await Api.GetJsonAsync("/api/v1/workloads");

        var seed = list["workloads"]!.AsArray().Single(w => w!.Str("id") == WorkloadHostFixture.Seed)!;
        Assert.Equal(await Api.ETagOfAsync(WorkloadHostFixture.Seed), seed.Str("eTag"));
        Assert.False(seed["stale"]!.GetValue<bool>());
        var error = list["errors"]!.AsArray().Single(e => e!.Str("file").EndsWith("zz-broken.yaml", StringComparison.Ordinal))!;
        Assert.Equal("readonly", error.Str("field"));
        Assert.Equal(4, error.Int("line"));
    }

    [Fact]
    public async Task Get_answers_the_file_as_written_in_yaml_and_the_document_in_json()
    {
        var yaml = await Api.YamlOfAsync(WorkloadHostFixture.Seed);
        var json = await Api.GetJsonAsync($"/api/v1/workloads/{WorkloadHostFixture.Seed}");

        Assert.Equal(await File.ReadAllTextAsync(FileOf(WorkloadHostFixture.Seed)), yaml);
        Assert.Contains("# which version", yaml, StringComparison.Ordinal);
        Assert.Equal(WorkloadHostFixture.Seed, json["x-boilerhouse"]!.Str("id"));
        Assert.Equal("seed", json["environment"]!.Str("FLAVOR"));
    }

    [Fact]
    public async Task Post_yaml_stores_it_as_sent_and_warms_its_pool()
    {
        var yaml = WorkloadSteps.Worker("wl-post-yaml", "a");

        var (response, body) = await Api.SendYamlAsync(HttpMethod.Post, "/api/v1/workloads", yaml);

        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        Assert.Equal("/api/v1/workloads/wl-post-yaml", response.Headers.Location!.ToString());
        Assert.Equal(yaml, await File.ReadAllTextAsync(FileOf("wl-post-yaml")));
        Assert.Equal(response.Headers.ETag!.ToString(), body.Str("eTag"));
        await Api.WaitForWarmFlavorAsync("wl-post-yaml", "a", 1);
    }

    [Fact]
    public async Task Post_json_is_written_as_yaml_and_runs()
    {
        var json = """
            {"x-boilerhouse": {"id": "wl-post-json", "pool": {"min_size": 1, "max_size": 2}},
             "image": "boilerhouse/busybox:local", "command": ["sh", "-c", "while true; do sleep 1; done"],
             "network_mode": "none", "environment": {"FLAVOR": "json"},
             "volumes": [{"target": "/state", "x-boilerhouse-role": "state"}],
             "deploy": {"resources": {"limits": {"cpus": "0.1", "memory": "16M"}}}}
            """;

        var (response, body) = await Api.SendYamlAsync(HttpMethod.Post, "/api/v1/workloads", json, contentType: "application/json");

        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToJsonString());
        var file = await File.ReadAllTextAsync(FileOf("wl-post-json"));
        Assert.Contains("FLAVOR: \"json\"", file, StringComparison.Ordinal);
        Assert.Equal("json", (await Api.GetJsonAsync("/api/v1/workloads/wl-post-json"))["environment"]!.Str("FLAVOR"));
        await Api.WaitForWarmFlavorAsync("wl-post-json", "json", 1);
    }

    [Fact]
    public async Task Post_of_an_existing_id_answers_409_and_changes_nothing()
    {
        var before = await File.ReadAllTextAsync(FileOf(WorkloadHostFixture.Seed));

        var (response, body) = await Api.SendYamlAsync(HttpMethod.Post, "/api/v1/workloads", WorkloadSteps.Worker(WorkloadHostFixture.Seed, "other"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("WORKLOAD_EXISTS", body.Str("code"));
        Assert.Equal(before, await File.ReadAllTextAsync(FileOf(WorkloadHostFixture.Seed)));
    }

    [Fact]
    public async Task Invalid_put_answers_400_with_line_and_field_and_changes_no_file_pool_or_container()
    {
        // Given a running workload with its warm container
        const string id = "wl-invalid-put";
        await Api.SendYamlAsync(HttpMethod.Post, "/api/v1/workloads", WorkloadSteps.Worker(id, "good"));
        var warm = await Api.WaitForWarmFlavorAsync(id, "good", 1);
        var fileBefore = await File.ReadAllBytesAsync(FileOf(id));
        var etag = await Api.ETagOfAsync(id);

        // When the new version has an unknown field and a memory limit that is no size
        var invalid = WorkloadSteps.Worker(id, "bad").Replace("memory: 16M", "memory: lots", StringComparison.Ordinal) + "readonly: true\n";
        var (response, body) = await Api.SendYamlAsync(HttpMethod.Put, $"/api/v1/workloads/{id}", invalid, etag);

        // Then 400 names each error, and nothing changed
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_WORKLOAD_SPEC", body.Str("code"));
        var fields = body["errors"]!.AsArray().Select(e => e!.Str("field")).ToList();
        Assert.Contains("readonly", fields);
        Assert.Contains("deploy.resources.limits.memory", fields);
        Assert.All(body["errors"]!.AsArray(), e => Assert.True(e!.Int("line") > 0));
        Assert.Equal(fileBefore, await File.ReadAllBytesAsync(FileOf(id)));
        Assert.Equal(etag, await Api.ETagOfAsync(id));
        Assert.Equal(warm, await Api.WarmIdsAsync(id));
        Assert.Equal("good", await WorkloadSteps.FlavorOfAsync(warm[0]));
        Assert.Empty(Directory.GetFiles(fixture.Folder, "*.tmp"));
    }

    [Fact]
    public async Task Put_with_another_id_in_the_body_is_refused()
    {
        var (response, body) = await Api.SendYamlAsync(HttpMethod.Put, $"/api/v1/workloads/{WorkloadHostFixture.Seed}", WorkloadSteps.Worker("wl-other-id", "x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("x-boilerhouse.id", body["errors"]![0]!.Str("field"));
        Assert.False(File.Exists(FileOf("wl-other-id")));
    }

    [Fact]
    public async Task Concurrent_puts_with_the_same_if_match_let_exactly_one_win()
    {
        // Given
        const string id = "wl-concurrent";
        await Api.SendYamlAsync(HttpMethod.Post, "/api/v1/workloads", WorkloadSteps.Worker(id, "v0"));
        var etag = await Api.ETagOfAsync(id);

        // When five writers read the same version and each writes its own
        var writes = await Task.WhenAll(Enumerable.Range(1, 5).Select(i =>
            Api.SendYamlAsync(HttpMethod.Put, $"/api/v1/workloads/{id}", WorkloadSteps.Worker(id, $"v{i}"), etag)));

        // Then one wins, the others get 412 and the file holds the winner's text
        var winners = writes.Where(w => w.Response.StatusCode == HttpStatusCode.OK).ToList();
        var winner = Assert.Single(winners);
        Assert.All(writes.Except(winners), w =>
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, w.Response.StatusCode);
            Assert.Equal("PRECONDITION_FAILED", w.Body.Str("code"));
        });
        var flavor = (await Api.GetJsonAsync($"/api/v1/workloads/{id}"))["environment"]!.Str("FLAVOR");
        Assert.Equal(WorkloadSteps.Worker(id, flavor), await File.ReadAllTextAsync(FileOf(id)));
        Assert.Equal(winner.Response.Headers.ETag!.ToString(), await Api.ETagOfAsync(id));

        // And without If-Match the last writer wins
        var (last, _) = await Api.SendYamlAsync(HttpMethod.Put, $"/api/v1/workloads/{id}", WorkloadSteps.Worker(id, "last"));
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        await Api.WaitForWarmFlavorAsync(id, "last", 1);
    }

    [Fact]
    public async Task Delete_with_a_claimed_tenant_answers_409_unless_forced_then_releases_and_removes_everything()
    {
        // Given a workload with a tenant
        const string id = "wl-delete";
        await Api.SendYamlAsync(HttpMethod.Post, "/api/v1/workloads", WorkloadSteps.Worker(id, "d"));
        await Api.WaitForWarmFlavorAsync(id, "d", 1);
        var tenant = $"t-{Guid.NewGuid():N}"[..14];
        await Api.ClaimOkAsync(tenant, id);

        // When deleted without force
        var refused = await Api.SendJsonAsync(HttpMethod.Delete, $"/api/v1/workloads/{id}");

        // Then 409 names the tenant and nothing changed
        Assert.Equal(HttpStatusCode.Conflict, refused.Response.StatusCode);
        Assert.Equal("WORKLOAD_IN_USE", refused.Body.Str("code"));
        Assert.Contains(tenant, refused.Body.Str("detail"), StringComparison.Ordinal);
        Assert.True(File.Exists(FileOf(id)));
        Assert.Equal("claimed", (await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status")).Str("status"));

        // When forced
        var forced = await Api.SendJsonAsync(HttpMethod.Delete, $"/api/v1/workloads/{id}?force=true");

        // Then the tenant was released, the file and every container are gone
        Assert.True(forced.Response.StatusCode == HttpStatusCode.NoContent, forced.Body.ToJsonString());
        Assert.Equal("unclaimed", (await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status")).Str("status"));
        Assert.False(File.Exists(FileOf(id)));
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/api/v1/workloads/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/api/v1/pools/{id}")).StatusCode);
        await ApiExtensions.WaitUntilAsync(async () => (await DockerProbe.ListAsync(fixture.App.InstanceId, id)).Count == 0,
            "the deleted workload's containers are removed");
    }

    [Fact]
    public async Task Delete_with_a_stale_if_match_answers_412()
    {
        var (response, body) = await Api.SendYamlAsync(HttpMethod.Delete, $"/api/v1/workloads/{WorkloadHostFixture.Seed}", "", "\"0000\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("PRECONDITION_FAILED", body.Str("code"));
        Assert.True(File.Exists(FileOf(WorkloadHostFixture.Seed)));
    }

    [Fact]
    public async Task Unknown_workload_answers_404()
    {
        var (response, body) = await Api.SendYamlAsync(HttpMethod.Put, "/api/v1/workloads/wl-nowhere", WorkloadSteps.Worker("wl-nowhere", "x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("WORKLOAD_NOT_FOUND", body.Str("code"));
        Assert.False(File.Exists(FileOf("wl-nowhere")));
    }
}
