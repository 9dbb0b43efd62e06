using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Orchestrations;

/// <summary>The Durable Functions-shaped status API: starters, status, list, terminate, purge, idempotency.</summary>
[Collection(DockerCollection.Name)]
public sealed class StatusApiTests(BoilerhouseFixture fixture)
{
    private HttpClient Api => fixture.App.Client;

    [Fact]
    public async Task Starter_without_wait_answers_202_with_check_status_links_then_status_completes()
    {
        var tenant = NewTenant();
        var (response, body) = await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Web }, query: "");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = body.Str("id");
        Assert.Equal(body.Str("statusQueryGetUri"), response.Headers.Location!.ToString());
        Assert.EndsWith($"/api/v1/orchestrations/{id}", body.Str("statusQueryGetUri"), StringComparison.Ordinal);
        Assert.Contains($"/api/v1/orchestrations/{id}/terminate", body.Str("terminatePostUri"), StringComparison.Ordinal);

        var status = await WaitFinishedAsync(id);
        Assert.Equal("Completed", status.Str("runtimeStatus"));
        Assert.Equal(tenant, status["output"]!.Str("tenantId"));
        await Api.ReleaseAsync(tenant);
    }

    [Fact]
    public async Task Status_of_running_instance_answers_202_with_retry_after_and_terminate_ends_it()
    {
        var tenant = NewTenant();
        await WaitSlowPoolEmptyAsync();
        var (_, started) = await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Slow }, query: "");
        var id = started.Str("id");

        var (running, runningBody) = await Api.SendJsonAsync(HttpMethod.Get, $"/api/v1/orchestrations/{id}");
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.NotNull(running.Headers.RetryAfter);
        Assert.Contains(runningBody.Str("runtimeStatus"), new[] { "Pending", "Running" });

        var (terminate, _) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/orchestrations/{id}/terminate?reason=changed+my+mind");
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);

        var status = await WaitFinishedAsync(id);
        Assert.Equal("Terminated", status.Str("runtimeStatus"));
        Assert.Equal("TERMINATED", status["error"]!.Str("code"));
        Assert.Equal("changed my mind", status["error"]!.Str("message"));
        var tenantStatus = await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status");
        Assert.False(tenantStatus["assigned"]!.GetValue<bool>());

        var (again, problem) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/orchestrations/{id}/terminate");
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Equal("ORCHESTRATION_FINISHED", problem.Str("code"));
    }

    [Fact]
    public async Task Same_idempotency_key_returns_the_same_instance_and_one_container()
    {
        var tenant = NewTenant();
        var key = Guid.NewGuid().ToString();

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ClaimWithKeyAsync(tenant, key)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Response.StatusCode));
        Assert.Single(results.Select(r => r.Body.Str("instanceId")).Distinct());
        Assert.Single(results.Select(r => r.Body.Str("containerId")).Distinct());
        var list = await Api.GetJsonAsync($"/api/v1/orchestrations?tenantId={tenant}&name=claim");
        Assert.Single(list["instances"]!.AsArray());
        await Api.ReleaseAsync(tenant);
    }

    [Fact]
    public async Task Instance_id_of_another_tenant_answers_409_and_reveals_nothing()
    {
        var owner = NewTenant();
        var instanceId = $"mine-{Guid.NewGuid():N}";
        var (first, _) = await Api.ClaimAsync(owner, new { poolId = TestWorkloads.Web }, query: $"waitMs=60000&instanceId={instanceId}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var (response, problem) = await Api.ClaimAsync(NewTenant(), new { poolId = TestWorkloads.Web }, query: $"waitMs=60000&instanceId={instanceId}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("INSTANCE_ID_CONFLICT", problem.Str("code"));
        Assert.DoesNotContain("containerId", problem.ToJsonString(), StringComparison.Ordinal);
        await Api.ReleaseAsync(owner);
    }

    [Fact]
    public async Task List_filters_by_tenant_name_and_status_and_pages_with_continuation()
    {
        var tenant = NewTenant();
        for (var i = 0; i < 3; i++)
        {
            await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Web });
            await Api.ReleaseAsync(tenant);
        }

        var claims = (await Api.GetJsonAsync($"/api/v1/orchestrations?tenantId={tenant}&name=claim&runtimeStatus=Completed"))["instances"]!.AsArray();
        Assert.Equal(3, claims.Count);
        Assert.All(claims, c => Assert.Equal("claim", c!.Str("name")));

        var seen = new List<string>();
        string? token = null;
        do
        {
            var url = $"/api/v1/orchestrations?tenantId={tenant}&top=2" + (token is null ? "" : $"&continuationToken={token}");
            var (response, page) = await Api.SendJsonAsync(HttpMethod.Get, url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange(page["instances"]!.AsArray().Select(i => i!.Str("instanceId")));
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        Assert.Equal(6, seen.Count);
        Assert.Equal(6, seen.Distinct().Count());
        var none = (await Api.GetJsonAsync($"/api/v1/orchestrations?tenantId={tenant}&runtimeStatus=Failed"))["instances"]!.AsArray();
        Assert.Empty(none);
    }

    [Theory]
    [InlineData("runtimeStatus=Sleeping")]
    [InlineData("runtimeStatus=7")]
    [InlineData("name=deploy")]
    [InlineData("tenantId=NOT_VALID")]
    [InlineData("top=0")]
    [InlineData("top=abc")]
    [InlineData("createdFrom=yesterday")]
    [InlineData("continuationToken=not-a-token")]
    public async Task List_with_bad_filter_answers_400_with_code(string query)
    {
        var (response, problem) = await Api.SendJsonAsync(HttpMethod.Get, $"/api/v1/orchestrations?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem.Str("code"), new[] { "INVALID_REQUEST", "INVALID_ID" });
    }

    [Fact]
    public async Task Purge_removes_a_finished_instance_and_refuses_a_running_one()
    {
        var tenant = NewTenant();
        var (_, claim) = await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Web });
        var finished = claim.Str("instanceId");

        var (purged, purgeBody) = await Api.SendJsonAsync(HttpMethod.Delete, $"/api/v1/orchestrations/{finished}");
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(1, purgeBody.Int("instancesDeleted"));
        var (gone, _) = await Api.SendJsonAsync(HttpMethod.Get, $"/api/v1/orchestrations/{finished}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        var slowTenant = NewTenant();
        await WaitSlowPoolEmptyAsync();
        var (_, started) = await Api.ClaimAsync(slowTenant, new { poolId = TestWorkloads.Slow }, query: "");
        var (refused, problem) = await Api.SendJsonAsync(HttpMethod.Delete, $"/api/v1/orchestrations/{started.Str("id")}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("ORCHESTRATION_RUNNING", problem.Str("code"));

        await WaitFinishedAsync(started.Str("id"));
        await Api.ReleaseAsync(slowTenant);
        await Api.ReleaseAsync(tenant);
    }

    [Fact]
    public async Task Purge_history_deletes_finished_instances_up_to_a_time_and_needs_the_bound()
    {
        var tenant = NewTenant();
        await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Web });
        await Api.ReleaseAsync(tenant);

        var (missing, problem) = await Api.SendJsonAsync(HttpMethod.Delete, "/api/v1/orchestrations");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("INVALID_REQUEST", problem.Str("code"));

        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(1).ToString("O"));
        var (response, body) = await Api.SendJsonAsync(HttpMethod.Delete, $"/api/v1/orchestrations?createdTimeTo={to}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.Int("instancesDeleted") >= 2);
        var left = (await Api.GetJsonAsync($"/api/v1/orchestrations?tenantId={tenant}"))["instances"]!.AsArray();
        Assert.Empty(left);
    }

    private Task<(HttpResponseMessage Response, System.Text.Json.Nodes.JsonNode Body)> ClaimWithKeyAsync(string tenant, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenants/{tenant}/claim?waitMs=60000")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { poolId = TestWorkloads.Web }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return SendAsync(request);
    }

    private async Task<(HttpResponseMessage Response, System.Text.Json.Nodes.JsonNode Body)> SendAsync(HttpRequestMessage request)
    {
        var response = await Api.SendAsync(request);
        return (response, System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private async Task<System.Text.Json.Nodes.JsonNode> WaitFinishedAsync(string instanceId)
    {
        System.Text.Json.Nodes.JsonNode status = null!;
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            var (response, body) = await Api.SendJsonAsync(HttpMethod.Get, $"/api/v1/orchestrations/{instanceId}");
            status = body;
            return response.StatusCode == HttpStatusCode.OK;
        }, $"instance {instanceId} finishes");
        return status;
    }

    /// <summary>Nothing warm or starting in the slow pool, so a claim there has to wait ~2 s for a new container.</summary>
    private Task WaitSlowPoolEmptyAsync() =>
        Api.WaitForPoolAsync(TestWorkloads.Slow, p => p.Int("total") == 0);

    private static string NewTenant() => $"t-{Guid.NewGuid():N}"[..14];
}
