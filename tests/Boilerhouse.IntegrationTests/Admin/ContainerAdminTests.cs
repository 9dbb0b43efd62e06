using System.Net;
using System.Text.Json.Nodes;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Admin;

/// <summary>GET/DELETE /api/v1/containers on the real engine: filters, paging, detail without secrets, force-removal.</summary>
[Collection(AdminCollection.Name)]
public sealed class ContainerAdminTests(AdminFixture fixture)
{
    private HttpClient Api => fixture.Api;

    [Fact]
    public async Task List_filters_by_pool_state_tenant_and_host_and_pages_every_container_once()
    {
        // Given a claimed container among warm ones
        var tenant = AdminFixture.NewTenant();
        await Api.WaitForPoolAsync(AdminFixture.Plain, p => p.Int("warm") >= 1);
        var claimed = await Api.ClaimOkAsync(tenant, AdminFixture.Plain);
        await Api.WaitForPoolAsync(AdminFixture.Plain, p => p.Int("warm") >= 1);

        // When filtering by tenant and state
        var mine = Items(await Api.GetJsonAsync($"/api/v1/containers?tenantId={tenant}&state=claimed"));

        // Then only its container is listed, with its pool, host and endpoints
        var item = Assert.Single(mine);
        Assert.Equal(claimed, item.Str("containerId"));
        Assert.Equal(AdminFixture.Plain, item.Str("poolId"));
        Assert.Equal("claimed", item.Str("state"));
        var hostId = item.Str("hostId");
        Assert.Empty(Items(await Api.GetJsonAsync($"/api/v1/containers?tenantId={tenant}&state=warm")));
        var pool = Items(await Api.GetJsonAsync($"/api/v1/containers?poolId={AdminFixture.Plain}"));
        Assert.All(pool, c => Assert.Equal(AdminFixture.Plain, c.Str("poolId")));
        Assert.Contains(pool, c => c.Str("state") == "warm");
        Assert.Contains(Items(await Api.GetJsonAsync($"/api/v1/containers?hostId={hostId}")), c => c.Str("containerId") == claimed);
        Assert.Empty(Items(await Api.GetJsonAsync("/api/v1/containers?hostId=no-such-host")));

        // And pages of one, followed by their cursor, hold every container exactly once, in name order
        var all = Items(await Api.GetJsonAsync("/api/v1/containers?limit=500")).Select(c => c.Str("name")).ToList();
        var paged = new List<string>();
        string? next = null;
        do
        {
            var page = await Api.GetJsonAsync("/api/v1/containers?limit=1" + (next is null ? "" : $"&after={next}"));
            paged.AddRange(Items(page).Select(c => c.Str("name")));
            next = page["next"]?.GetValue<string>();
        }
        while (next is not null && paged.Count <= all.Count + 5);

        Assert.Equal(paged.Distinct().Count(), paged.Count);
        Assert.Equal(paged.Order(StringComparer.Ordinal), paged);
        Assert.Contains(all.First(), paged);
        await Api.ReleaseOkAsync(tenant);
    }

    [Theory]
    [InlineData("state=sleeping", "INVALID_REQUEST")]
    [InlineData("limit=0", "INVALID_REQUEST")]
    [InlineData("limit=501", "INVALID_REQUEST")]
    [InlineData("limit=ten", "INVALID_REQUEST")]
    [InlineData("poolId=Not%20A%20Pool", "INVALID_ID")]
    [InlineData("tenantId=..%2Fx", "INVALID_ID")]
    [InlineData("after=%2Fetc", "INVALID_ID")]
    public async Task List_with_a_bad_filter_answers_400_with_its_code(string query, string code)
    {
        var (response, body) = await Api.SendJsonAsync(HttpMethod.Get, $"/api/v1/containers?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, body.Str("code"));
    }

    [Fact]
    public async Task Detail_shows_record_docker_view_health_log_labels_and_volumes_but_no_secret_or_environment_value()
    {
        // Given a tenant with a secret, in a workload whose environment is filled from a host setting
        var tenant = AdminFixture.NewTenant();
        const string secret = "s3cr3t-admin-value-4711";
        var (claim, claimBody) = await Api.ClaimAsync(tenant, new { poolId = AdminFixture.Synced, config = new { mode = "x" }, secrets = new Dictionary<string, string> { ["api-key"] = secret } });
        Assert.True(claim.StatusCode == HttpStatusCode.OK, claimBody.ToJsonString());
        var containerId = claimBody.Str("containerId");

        // When its detail is read (after Docker ran its health check at least once)
        JsonNode detail = new JsonObject();
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            detail = await Api.GetJsonAsync($"/api/v1/containers/{containerId}");
            return detail["healthLog"]!.AsArray().Count > 0;
        }, "the container has a health log");

        // Then it shows what an operator needs
        Assert.Equal(containerId, detail.Str("containerId"));
        Assert.Equal(tenant, detail.Str("tenantId"));
        Assert.Equal("claimed", detail.Str("state"));
        Assert.True(detail["docker"]!["running"]!.GetValue<bool>());
        Assert.Equal("healthy", detail["docker"]!.Str("health"));
        Assert.Equal(AdminFixture.Synced, detail["labels"]!.Str("boilerhouse.pool"));
        var volumes = detail["volumes"]!.AsArray().Select(v => v!).Select(v => (v.Str("destination"), v["role"]?.GetValue<string>(), v["readOnly"]!.GetValue<bool>())).ToList();
        Assert.Contains(("/secrets", "secrets", true), volumes);
        Assert.Contains(("/state", "state", false), volumes);
        Assert.Equal(["GREETING", "LITERAL"], detail["spec"]!["environmentNames"]!.AsArray().Select(n => n!.GetValue<string>()));

        // And never a secret or an environment value, though the container has them
        var text = detail.ToJsonString();
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminFixture.GreetingValue, text, StringComparison.Ordinal);
        var env = await fixture.Runtime.ExecAsync(containerId, ["sh", "-c", "echo \"$GREETING|$LITERAL\""], CancellationToken.None);
        Assert.Equal(AdminFixture.GreetingValue + "|${HOME}", env.Stdout.Trim());

        // And the same detail answers to its name; an unknown container is 404
        Assert.Equal(containerId, (await Api.GetJsonAsync($"/api/v1/containers/{detail.Str("name")}")).Str("containerId"));
        var (missing, missingBody) = await Api.SendJsonAsync(HttpMethod.Get, "/api/v1/containers/adm-no-such-container");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("CONTAINER_NOT_FOUND", missingBody.Str("code"));
        await Api.ReleaseOkAsync(tenant);
    }

    [Fact]
    public async Task Removing_a_claimed_container_saves_the_tenant_state_first_then_releases_the_tenant()
    {
        // Given a tenant with a file in its state
        var tenant = AdminFixture.NewTenant();
        var containerId = await Api.ClaimOkAsync(tenant, AdminFixture.Synced);
        await fixture.Runtime.ExecOkAsync(containerId, "dd if=/dev/urandom of=/state/notes.bin bs=1k count=64 2>/dev/null");
        var inContainer = await ReadAsync(containerId, "/state/notes.bin");

        // When an operator force-removes its container and waits
        var (response, body) = await Api.SendJsonAsync(HttpMethod.Delete, $"/api/v1/containers/{containerId}?waitMs=60000");

        // Then the state reached the sink byte for byte before the container went, and the tenant holds nothing
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.True(body["released"]!.GetValue<bool>());
        Assert.False(body["syncSkipped"]!.GetValue<bool>());
        Assert.Equal(tenant, body.Str("tenantId"));
        Assert.Equal(inContainer, await File.ReadAllBytesAsync(fixture.SinkFile(tenant, "notes.bin")));
        Assert.Null(await fixture.Runtime.InspectAsync(containerId, CancellationToken.None));
        Assert.Equal("unclaimed", (await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status")).Str("status"));
        var released = await Api.GetJsonAsync($"/api/v1/orchestrations/{body.Str("instanceId")}");
        Assert.Equal(Boilerhouse.Orchestration.Admin.ContainerRemover.Reason, released["input"]!.Str("reason"));

        // And its next claim restores the saved state into a new container
        var next = await Api.ClaimOkAsync(tenant, AdminFixture.Synced);
        Assert.Equal(inContainer, await ReadAsync(next, "/state/notes.bin"));
        await Api.ReleaseOkAsync(tenant);
    }

    [Fact]
    public async Task Removing_a_claimed_container_with_save_false_leaves_the_sink_as_it_was()
    {
        // Given a tenant whose saved state is "v1" while its container holds "v2"
        var tenant = AdminFixture.NewTenant();
        var first = await Api.ClaimOkAsync(tenant, AdminFixture.Synced);
        await fixture.Runtime.ExecOkAsync(first, "echo v1 > /state/version.txt");
        await Api.ReleaseOkAsync(tenant);
        var second = await Api.ClaimOkAsync(tenant, AdminFixture.Synced);
        await fixture.Runtime.ExecOkAsync(second, "echo v2 > /state/version.txt && echo new > /state/new.txt");

        // When the container is removed with save=false
        var (response, body) = await Api.SendJsonAsync(HttpMethod.Delete, $"/api/v1/containers/{second}?save=false&waitMs=60000");

        // Then nothing was uploaded: the sink still holds v1 and no new file; the container is gone
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.True(body["syncSkipped"]!.GetValue<bool>());
        Assert.Equal("v1\n", await File.ReadAllTextAsync(fixture.SinkFile(tenant, "version.txt")));
        Assert.False(File.Exists(fixture.SinkFile(tenant, "new.txt")));
        Assert.Null(await fixture.Runtime.InspectAsync(second, CancellationToken.None));
        Assert.Equal("unclaimed", (await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status")).Str("status"));
    }

    [Fact]
    public async Task Removing_a_warm_container_removes_it_at_once_and_the_pool_refills()
    {
        // Given a warm container
        var pool = await Api.WaitForPoolAsync(AdminFixture.Plain, p => p.Int("warm") >= 1);
        var warm = Items(await Api.GetJsonAsync($"/api/v1/containers?poolId={AdminFixture.Plain}&state=warm")).First();
        var name = warm.Str("name");

        // When it is removed by name
        var (response, body) = await Api.SendJsonAsync(HttpMethod.Delete, $"/api/v1/containers/{name}");

        // Then it is gone from Docker and the records, nobody was released, and the pool warms another
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.False(body["released"]!.GetValue<bool>());
        Assert.Null(await fixture.Runtime.InspectAsync(name, CancellationToken.None));
        Assert.DoesNotContain(Items(await Api.GetJsonAsync($"/api/v1/containers?poolId={AdminFixture.Plain}")), c => c.Str("name") == name);
        await Api.WaitForPoolAsync(AdminFixture.Plain, p => p.Int("warm") >= 1);
        var (again, againBody) = await Api.SendJsonAsync(HttpMethod.Delete, $"/api/v1/containers/{name}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("CONTAINER_NOT_FOUND", againBody.Str("code"));
        _ = pool;
    }

    [Theory]
    [InlineData("save=maybe")]
    [InlineData("waitMs=-1")]
    public async Task Removing_with_a_bad_query_answers_400_and_removes_nothing(string query)
    {
        var tenant = AdminFixture.NewTenant();
        var containerId = await Api.ClaimOkAsync(tenant, AdminFixture.Plain);

        var (response, body) = await Api.SendJsonAsync(HttpMethod.Delete, $"/api/v1/containers/{containerId}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_REQUEST", body.Str("code"));
        Assert.NotNull(await fixture.Runtime.InspectAsync(containerId, CancellationToken.None));
        Assert.Equal("claimed", (await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status")).Str("status"));
        await Api.ReleaseOkAsync(tenant);
    }

    private static List<JsonNode> Items(JsonNode page) => [.. page["containers"]!.AsArray().Select(n => n!)];

    private async Task<byte[]> ReadAsync(string containerId, string path)
    {
        var result = await fixture.Runtime.ExecAsync(containerId, ["sh", "-c", $"base64 {path}"], CancellationToken.None);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return Convert.FromBase64String(string.Concat(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
