using System.Net;
using Boilerhouse.Core.Containers;
using Boilerhouse.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Tenants;

[Collection(DockerCollection.Name)]
public sealed class ClaimReleaseTests(BoilerhouseFixture fixture)
{
    private const string SecretValue = "s3cr3t-value-that-must-not-leak";

    private HttpClient Api => fixture.App.Client;

    private IContainerRuntime Runtime => fixture.App.Services.GetRequiredService<IContainerRuntime>();

    [Fact]
    public async Task Claim_returns_running_container_with_config_and_secrets_inside()
    {
        var tenant = NewTenant();
        var (response, body) = await Api.ClaimAsync(tenant, new
        {
            poolId = TestWorkloads.Web,
            config = new { greeting = "hello", replicas = 2 },
            secrets = new Dictionary<string, string> { ["api-key"] = SecretValue },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var containerId = body!.Str("containerId");
        Assert.Equal(TestWorkloads.Web, body.Str("poolId"));
        Assert.False(string.IsNullOrEmpty(body.Str("instanceId")));
        Assert.DoesNotContain(SecretValue, body.ToJsonString(), StringComparison.Ordinal);

        var inspect = (await DockerProbe.InspectAsync(containerId))!;
        Assert.True(inspect.State.Running);
        Assert.DoesNotContain(inspect.Config.Env ?? [], e => e.Contains(SecretValue, StringComparison.Ordinal));
        Assert.DoesNotContain(inspect.Config.Labels.Values, v => v.Contains(SecretValue, StringComparison.Ordinal));

        var config = await Runtime.ExecAsync(containerId, ["cat", "/config/config.json"], CancellationToken.None);
        Assert.Equal(0, config.ExitCode);
        Assert.Equal("""{"greeting":"hello","replicas":2}""", config.Stdout.Trim());
        var secret = await Runtime.ExecAsync(containerId, ["cat", "/secrets/api-key"], CancellationToken.None);
        Assert.Equal(0, secret.ExitCode);
        Assert.Equal(SecretValue, secret.Stdout);

        // The published port reaches the container's web server.
        var port = body["endpoints"]!["ports"]!.AsArray().Single()!;
        Assert.Equal(8080, port.Int("containerPort"));
        using var http = new HttpClient();
        var page = await http.GetStringAsync($"http://{port.Str("hostIp")}:{port.Int("hostPort")}/");
        Assert.Contains("boilerhouse ok", page, StringComparison.Ordinal);

        var status = await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status");
        Assert.True(status["assigned"]!.GetValue<bool>());
        Assert.Equal("claimed", status.Str("status"));
        Assert.Equal(containerId, status.Str("containerId"));

        var orchestration = await Api.GetJsonAsync($"/api/v1/orchestrations/{body.Str("instanceId")}");
        Assert.Equal("Completed", orchestration.Str("runtimeStatus"));
        Assert.Equal("claim", orchestration.Str("name"));
        Assert.Equal("***", orchestration["input"]!["secrets"]!["api-key"]!.GetValue<string>());
        Assert.DoesNotContain(SecretValue, orchestration.ToJsonString(), StringComparison.Ordinal);
        var steps = orchestration["steps"]!.AsArray().Select(s => s!.Str("name")).ToList();
        Assert.Equal(["CheckTenant", "TakeWarmContainerActivity", "ProvisionConfig", "ProvisionSecrets", "RecordAssignment"], steps);
        Assert.All(orchestration["steps"]!.AsArray(), s => Assert.Equal("Succeeded", s!.Str("outcome")));

        await Api.ReleaseAsync(tenant);
    }

    [Fact]
    public async Task Reclaim_by_same_tenant_returns_the_same_container()
    {
        var tenant = NewTenant();
        var (first, firstBody) = await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Web });
        var (second, secondBody) = await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Web });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstBody!.Str("containerId"), secondBody!.Str("containerId"));
        Assert.False(firstBody["existing"]!.GetValue<bool>());
        Assert.True(secondBody["existing"]!.GetValue<bool>());
        var claimedByTenant = (await Api.GetJsonAsync($"/api/v1/pools/{TestWorkloads.Web}/containers")).AsArray()
            .Count(c => c!["tenantId"]?.GetValue<string>() == tenant);
        Assert.Equal(1, claimedByTenant);

        await Api.ReleaseAsync(tenant);
    }

    [Fact]
    public async Task Claim_from_another_pool_while_holding_one_answers_409()
    {
        var tenant = NewTenant();
        await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Web });

        var (response, body) = await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Burst });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("TENANT_ALREADY_CLAIMED", body!.Str("code"));
        await Api.ReleaseAsync(tenant);
    }

    [Fact]
    public async Task Release_removes_container_and_volumes_and_pool_refills()
    {
        var tenant = NewTenant();
        var (_, claim) = await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Web });
        var containerId = claim!.Str("containerId");
        var name = (await DockerProbe.InspectAsync(containerId))!.Name.TrimStart('/');
        Assert.NotEmpty(await DockerProbe.VolumesOfAsync(name));

        var (response, body) = await Api.ReleaseAsync(tenant);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(containerId, body!.Str("containerId"));
        Assert.Null(await DockerProbe.InspectAsync(containerId));
        Assert.Empty(await DockerProbe.VolumesOfAsync(name));
        var status = await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status");
        Assert.False(status["assigned"]!.GetValue<bool>());
        var release = await Api.GetJsonAsync($"/api/v1/orchestrations/{body.Str("instanceId")}");
        Assert.Equal("Completed", release.Str("runtimeStatus"));
        await Api.WaitForPoolAsync(TestWorkloads.Web, p => p.Int("warm") == p.Int("minSize"));
        var containers = await Api.GetJsonAsync($"/api/v1/pools/{TestWorkloads.Web}/containers");
        Assert.DoesNotContain(containers.AsArray(), c => c!["containerId"]?.GetValue<string>() == containerId);
    }

    [Fact]
    public async Task Release_of_tenant_without_container_answers_404()
    {
        var (response, body) = await Api.ReleaseAsync(NewTenant());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("TENANT_NOT_FOUND", body!.Str("code"));
    }

    [Fact]
    public async Task Twenty_tenants_claiming_at_once_get_twenty_distinct_containers()
    {
        var tenants = Enumerable.Range(0, 20).Select(_ => NewTenant()).ToList();

        var claims = await Task.WhenAll(tenants.Select(t => Api.ClaimAsync(t, new { poolId = TestWorkloads.Burst })));

        Assert.All(claims, c => Assert.Equal(HttpStatusCode.OK, c.Response.StatusCode));
        var ids = claims.Select(c => c.Body!.Str("containerId")).ToList();
        Assert.Equal(20, ids.Distinct().Count());
        foreach (var id in ids)
        {
            Assert.True((await DockerProbe.InspectAsync(id))!.State.Running);
        }

        var pool = await Api.GetJsonAsync($"/api/v1/pools/{TestWorkloads.Burst}");
        Assert.True(pool.Int("total") <= pool.Int("maxSize"));
        await Task.WhenAll(tenants.Select(t => Api.ReleaseAsync(t)));
    }

    [Fact]
    public async Task Exhausted_pool_answers_503_with_retry_after()
    {
        // A paused pool with nothing warm: waiting would not help, so the claim is refused at once
        await Api.WaitForPoolAsync(TestWorkloads.Tiny, p => p.Int("warm") == 1);
        var holder = NewTenant();
        var (held, _) = await Api.ClaimAsync(holder, new { poolId = TestWorkloads.Tiny });
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/pools/{TestWorkloads.Tiny}/pause");
        try
        {
            var (response, body) = await Api.ClaimAsync(NewTenant(), new { poolId = TestWorkloads.Tiny });

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("POOL_EXHAUSTED", body!.Str("code"));
            Assert.NotNull(response.Headers.RetryAfter);
        }
        finally
        {
            await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/pools/{TestWorkloads.Tiny}/resume");
            await Api.ReleaseAsync(holder);
        }
    }

    [Fact]
    public async Task Claims_waiting_on_a_full_pool_are_served_in_the_order_they_arrived()
    {
        // Given the one container of a pool of max 1 is held
        await Api.WaitForPoolAsync(TestWorkloads.Tiny, p => p.Int("warm") == 1);
        var holder = NewTenant();
        Assert.Equal(HttpStatusCode.OK, (await Api.ClaimAsync(holder, new { poolId = TestWorkloads.Tiny })).Response.StatusCode);

        // When three tenants claim there, one after the other (each in line before the next asks)
        var arrived = new[] { NewTenant(), NewTenant(), NewTenant() };
        var waiting = new List<(string Tenant, Task<(HttpResponseMessage Response, System.Text.Json.Nodes.JsonNode Body)> Claim)>();
        foreach (var tenant in arrived)
        {
            waiting.Add((tenant, Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Tiny })));
            var inLine = waiting.Count;
            await Api.WaitForPoolAsync(TestWorkloads.Tiny, p => p.Int("waiting") == inLine);
        }

        // Then each release serves the claim that has waited longest
        var releasing = holder;
        var served = new List<string>();
        while (waiting.Count > 0)
        {
            await Api.ReleaseAsync(releasing);
            var next = await Task.WhenAny(waiting.Select(w => w.Claim));
            var (tenant, claim) = waiting.Single(w => w.Claim == next);
            Assert.Equal(HttpStatusCode.OK, (await claim).Response.StatusCode);
            served.Add(tenant);
            waiting.RemoveAll(w => w.Tenant == tenant);
            releasing = tenant;
        }

        await Api.ReleaseAsync(releasing);
        Assert.Equal(arrived, served);
    }

    [Fact]
    public async Task A_claim_terminated_while_waiting_in_line_leaves_it_and_is_handed_nothing()
    {
        // Given the one container of a pool of max 1 is held and another claim waits in line for it
        await Api.WaitForPoolAsync(TestWorkloads.Tiny, p => p.Int("warm") == 1);
        var holder = NewTenant();
        Assert.Equal(HttpStatusCode.OK, (await Api.ClaimAsync(holder, new { poolId = TestWorkloads.Tiny })).Response.StatusCode);
        var (_, started) = await Api.ClaimAsync(NewTenant(), new { poolId = TestWorkloads.Tiny }, query: "");
        await Api.WaitForPoolAsync(TestWorkloads.Tiny, p => p.Int("waiting") == 1);

        // When that claim is terminated and the holder releases
        await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/orchestrations/{started.Str("id")}/terminate");
        await Api.ReleaseAsync(holder);

        // Then the next warm container stays warm: the terminated claim left the line and took nothing
        await Api.WaitForPoolAsync(TestWorkloads.Tiny, p => p.Int("warm") == 1 && p.Int("claimed") == 0 && p.Int("waiting") == 0);
        var instance = await Api.GetJsonAsync($"/api/v1/orchestrations/{started.Str("id")}");
        Assert.Equal("Terminated", instance.Str("runtimeStatus"));
    }

    private static string NewTenant() => $"t-{Guid.NewGuid():N}"[..14];
}
