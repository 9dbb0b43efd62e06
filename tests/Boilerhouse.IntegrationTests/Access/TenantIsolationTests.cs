using System.Net;
using System.Text.Json.Nodes;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Access;

/// <summary>A tenant key works for its tenants end to end and cannot see or touch any other tenant.</summary>
public sealed class TenantIsolationTests(TenantKeyFixture fixture) : IClassFixture<TenantKeyFixture>
{
    private HttpClient Api => fixture.App.Client;

    private string Admin => fixture.AdminKey;

    [Fact]
    public async Task Tenant_key_works_for_its_tenant_and_other_tenants_answer_as_if_they_did_not_exist()
    {
        // Given a key for tenant "own", and another tenant claimed by the admin
        var own = KeyedApi.Unique("iso-own");
        var other = KeyedApi.Unique("iso-other");
        var (_, key) = await Api.CreateKeyAsync(Admin, new { name = "tenant app", role = "tenant", tenants = new[] { own }, pools = new[] { TestWorkloads.Web } });
        var (otherClaim, otherBody) = await Api.SendAsync(Admin, HttpMethod.Post, $"/api/v1/tenants/{other}/claim?waitMs=60000", new { poolId = TestWorkloads.Web });
        Assert.Equal(HttpStatusCode.OK, otherClaim.StatusCode);
        var otherInstance = otherBody.Str("instanceId");
        var otherBefore = await TenantRowAsync(other);

        // When the tenant key claims, reads and releases its own tenant
        var (claim, claimBody) = await Api.SendAsync(key, HttpMethod.Post, $"/api/v1/tenants/{own}/claim?waitMs=60000", new { poolId = TestWorkloads.Web });
        Assert.True(claim.StatusCode == HttpStatusCode.OK, claimBody.ToJsonString());
        var (status, statusBody) = await Api.SendAsync(key, HttpMethod.Get, $"/api/v1/tenants/{own}/status");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(claimBody.Str("containerId"), statusBody.Str("containerId"));
        var (instance, _) = await Api.SendAsync(key, HttpMethod.Get, $"/api/v1/orchestrations/{claimBody.Str("instanceId")}");
        Assert.Equal(HttpStatusCode.OK, instance.StatusCode);
        var (list, listBody) = await Api.SendAsync(key, HttpMethod.Get, "/api/v1/orchestrations");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.All(listBody["instances"]!.AsArray(), i => Assert.Equal(own, i!.Str("tenantId")));
        Assert.NotEmpty(listBody["instances"]!.AsArray());

        // Then every route of the other tenant answers like a tenant that holds nothing, naming nothing of it
        var neverSeen = KeyedApi.Unique("iso-never");
        var (_, unknownRelease) = await Api.SendAsync(Admin, HttpMethod.Post, $"/api/v1/tenants/{neverSeen}/release");
        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Post, "claim?waitMs=1000", new { poolId = TestWorkloads.Web }),
            (HttpMethod.Get, "status", null),
            (HttpMethod.Post, "release", null),
            (HttpMethod.Post, "sync", null),
            (HttpMethod.Post, "activity", null),
        })
        {
            var (response, problem) = await Api.SendAsync(key, method, $"/api/v1/tenants/{other}/{path}", body);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode} {problem}");
            Assert.Equal(unknownRelease.Str("code"), problem.Str("code"));
            Assert.Equal(unknownRelease.Str("detail").Replace(neverSeen, other, StringComparison.Ordinal), problem.Str("detail"));
            Assert.DoesNotContain(otherBody.Str("containerId"), problem.ToJsonString(), StringComparison.Ordinal);
        }

        var (otherInstanceAnswer, otherInstanceProblem) = await Api.SendAsync(key, HttpMethod.Get, $"/api/v1/orchestrations/{otherInstance}");
        var (_, unknownInstanceProblem) = await Api.SendAsync(Admin, HttpMethod.Get, "/api/v1/orchestrations/no-such-instance");
        Assert.Equal(HttpStatusCode.NotFound, otherInstanceAnswer.StatusCode);
        Assert.Equal(unknownInstanceProblem.Str("detail").Replace("no-such-instance", otherInstance, StringComparison.Ordinal), otherInstanceProblem.Str("detail"));
        var (_, otherList) = await Api.SendAsync(key, HttpMethod.Get, $"/api/v1/orchestrations?tenantId={other}");
        Assert.Empty(otherList["instances"]!.AsArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.SendAsync(key, HttpMethod.Get, "/api/v1/pools")).Response.StatusCode);

        // ... and the other tenant's container and database row are unchanged
        Assert.Equal(otherBefore, await TenantRowAsync(other));
        Assert.True((await DockerProbe.InspectAsync(otherBody.Str("containerId")))!.State.Running);

        var (release, _) = await Api.SendAsync(key, HttpMethod.Post, $"/api/v1/tenants/{own}/release?waitMs=60000");
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        await Api.SendAsync(Admin, HttpMethod.Post, $"/api/v1/tenants/{other}/release?waitMs=60000");
    }

    [Fact]
    public async Task Tenant_key_may_claim_only_in_its_pools()
    {
        var tenant = KeyedApi.Unique("pools");
        var (_, key) = await Api.CreateKeyAsync(Admin, new { name = "pool-bound", role = "tenant", tenants = new[] { "pools-*" }, pools = new[] { "another-pool" } });

        var (response, problem) = await Api.SendAsync(key, HttpMethod.Post, $"/api/v1/tenants/{tenant}/claim?waitMs=60000", new { poolId = TestWorkloads.Web });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("FORBIDDEN", problem.Str("code"));
        Assert.Null(await TenantRowAsync(tenant));
    }

    [Fact]
    public async Task Claim_beyond_the_key_quota_answers_429_changes_nothing_and_passes_after_a_release()
    {
        // Given a key whose tenants may hold one container, and one of them holding it
        var prefix = KeyedApi.Unique("quota");
        var (_, key) = await Api.CreateKeyAsync(Admin, new { name = "quota", role = "tenant", tenants = new[] { prefix + "-*" }, maxContainers = 1 });
        var (first, firstBody) = await Api.SendAsync(key, HttpMethod.Post, $"/api/v1/tenants/{prefix}-1/claim?waitMs=60000", new { poolId = TestWorkloads.Web });
        Assert.True(first.StatusCode == HttpStatusCode.OK, firstBody.ToJsonString());

        // When another of its tenants claims: 429 QUOTA_EXCEEDED, and that tenant holds nothing
        var (second, secondBody) = await Api.SendAsync(key, HttpMethod.Post, $"/api/v1/tenants/{prefix}-2/claim?waitMs=60000", new { poolId = TestWorkloads.Web });
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        Assert.Equal("QUOTA_EXCEEDED", secondBody.Str("code"));
        Assert.Null(await TenantRowAsync($"{prefix}-2"));

        // The holding tenant claiming again still gets its container.
        var (again, againBody) = await Api.SendAsync(key, HttpMethod.Post, $"/api/v1/tenants/{prefix}-1/claim?waitMs=60000", new { poolId = TestWorkloads.Web });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(firstBody.Str("containerId"), againBody.Str("containerId"));

        // Then after the release, of two concurrent claims exactly one passes
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(key, HttpMethod.Post, $"/api/v1/tenants/{prefix}-1/release?waitMs=60000")).Response.StatusCode);
        var racing = await Task.WhenAll(
            Api.SendAsync(key, HttpMethod.Post, $"/api/v1/tenants/{prefix}-3/claim?waitMs=60000", new { poolId = TestWorkloads.Web }),
            Api.SendAsync(key, HttpMethod.Post, $"/api/v1/tenants/{prefix}-4/claim?waitMs=60000", new { poolId = TestWorkloads.Web }));
        Assert.Equal([HttpStatusCode.OK, (HttpStatusCode)429], racing.Select(r => r.Response.StatusCode).OrderBy(s => (int)s));
        var winner = racing.Single(r => r.Response.StatusCode == HttpStatusCode.OK).Body;
        var loser = winner.Str("tenantId") == $"{prefix}-3" ? $"{prefix}-4" : $"{prefix}-3";
        Assert.Null(await TenantRowAsync(loser));

        await Api.SendAsync(key, HttpMethod.Post, $"/api/v1/tenants/{winner.Str("tenantId")}/release?waitMs=60000");
    }

    [Fact]
    public async Task Requests_beyond_the_key_rate_limit_answer_429_with_retry_after_then_pass_again()
    {
        var tenant = KeyedApi.Unique("rate");
        var (_, key) = await Api.CreateKeyAsync(Admin, new { name = "rate", role = "tenant", tenants = new[] { tenant }, rateLimitPerMinute = 3 });
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(key, HttpMethod.Get, $"/api/v1/tenants/{tenant}/status")).Response.StatusCode);
        }

        var (limited, problem) = await Api.SendAsync(key, HttpMethod.Get, $"/api/v1/tenants/{tenant}/status");
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.Equal("RATE_LIMITED", problem.Str("code"));
        var retryAfter = limited.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter.TotalSeconds, 1, 60);

        // Other keys are not limited by it.
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(Admin, HttpMethod.Get, $"/api/v1/tenants/{tenant}/status")).Response.StatusCode);

        // After the time the server named, the key works again.
        await Task.Delay(retryAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(key, HttpMethod.Get, $"/api/v1/tenants/{tenant}/status")).Response.StatusCode);
    }

    private async Task<string?> TenantRowAsync(string tenantId)
    {
        var dbFactory = fixture.App.Services.GetRequiredService<IDbContextFactory<BoilerhouseDb>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var row = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.TenantId == tenantId);
        return row is null ? null : JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(row))!.ToJsonString();
    }
}
