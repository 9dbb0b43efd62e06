using System.Net;
using System.Text.Json.Nodes;
using Boilerhouse.Core.Events;
using Boilerhouse.IntegrationTests.Access;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Orchestration.ActivityLog;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.ActivityLog;

/// <summary>The activity log on a real host: entries from real claims and releases, filters, paging, scope and retention.</summary>
public sealed class ActivityLogTests(TenantKeyFixture fixture) : IClassFixture<TenantKeyFixture>
{
    private HttpClient Api => fixture.App.Client;

    [Fact]
    public async Task Claim_and_release_appear_in_order_with_their_sentences()
    {
        // Given a tenant that claims a container and releases it
        var tenant = KeyedApi.Unique("act-cr");
        var containerId = await ClaimAsync(tenant);
        await ReleaseAsync(tenant);

        // When its activity holds the release
        var entries = await WaitForEntriesAsync($"tenantId={tenant}", e => e.Any(x => x!.Str("type") == EventTypes.ContainerReleased));

        // Then, oldest first, it claimed then released that container, in words
        var told = entries.Where(e => e!.Str("type") is EventTypes.ContainerClaimed or EventTypes.ContainerReleased).Reverse().ToList();
        Assert.Equal([EventTypes.ContainerClaimed, EventTypes.ContainerReleased], told.Select(e => e!.Str("type")));
        Assert.All(told, e =>
        {
            Assert.Equal(containerId, e!.Str("containerId"));
            Assert.Equal(TestWorkloads.Web, e!.Str("poolId"));
        });
        Assert.Matches($"^tenant {tenant} claimed container \\S+ \\(pool {TestWorkloads.Web}\\)$", told[0]!.Str("sentence"));
        Assert.Matches($"^tenant {tenant} released container \\S+ \\(pool {TestWorkloads.Web}\\)$", told[1]!.Str("sentence"));
        Assert.True(told[0]!["id"]!.GetValue<long>() < told[1]!["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task Filters_and_paging_return_each_matching_entry_once_newest_first()
    {
        // Given two claims by two tenants
        var first = KeyedApi.Unique("act-p1");
        var second = KeyedApi.Unique("act-p2");
        await ClaimAsync(first);
        await ClaimAsync(second);
        await WaitForEntriesAsync($"tenantId={second}&type=container.claimed", e => e.Count > 0);

        // When the claims are read one per page
        var (page1, body1) = await Api.SendAsync(fixture.AdminKey, HttpMethod.Get, $"/api/v1/activity?type=container.claimed&poolId={TestWorkloads.Web}&top=1");
        var next = body1.Str("next");
        var (_, body2) = await Api.SendAsync(fixture.AdminKey, HttpMethod.Get, $"/api/v1/activity?type=container.claimed&poolId={TestWorkloads.Web}&top=1000&before={next}");
        var (_, ofFirst) = await Api.SendAsync(fixture.AdminKey, HttpMethod.Get, $"/api/v1/activity?tenantId={first}&type=container.*");
        var (_, future) = await Api.SendAsync(fixture.AdminKey, HttpMethod.Get, $"/api/v1/activity?tenantId={first}&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"))}");

        // Then the newest claim is alone on the first page, the older ones follow without overlap, and filters hold
        Assert.Equal(HttpStatusCode.OK, page1.StatusCode);
        var newest = Assert.Single(body1["entries"]!.AsArray())!;
        Assert.Equal(second, newest.Str("tenantId"));
        var older = body2["entries"]!.AsArray().Select(e => e!["id"]!.GetValue<long>()).ToList();
        Assert.All(older, id => Assert.True(id < newest["id"]!.GetValue<long>()));
        Assert.Equal(older.OrderDescending(), older);
        Assert.Contains(body2["entries"]!.AsArray(), e => e!.Str("tenantId") == first);
        Assert.All(body2["entries"]!.AsArray(), e => Assert.Equal(EventTypes.ContainerClaimed, e!.Str("type")));
        var firstEntries = ofFirst["entries"]!.AsArray();
        Assert.NotEmpty(firstEntries);
        Assert.All(firstEntries, e => Assert.Equal(first, e!.Str("tenantId")));
        Assert.Empty(future["entries"]!.AsArray());

        await ReleaseAsync(first);
        await ReleaseAsync(second);
    }

    [Theory]
    [InlineData("top=0", "INVALID_REQUEST")]
    [InlineData("top=abc", "INVALID_REQUEST")]
    [InlineData("before=-1", "INVALID_REQUEST")]
    [InlineData("type=container.exploded", "INVALID_REQUEST")]
    [InlineData("from=yesterday", "INVALID_REQUEST")]
    [InlineData("tenantId=Not%20Valid", "INVALID_ID")]
    public async Task Bad_query_is_refused_with_a_problem_code(string query, string code)
    {
        var (response, body) = await Api.SendAsync(fixture.AdminKey, HttpMethod.Get, $"/api/v1/activity?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, body.Str("code"));
    }

    [Fact]
    public async Task Tenant_key_sees_only_its_own_tenants_entries()
    {
        // Given a tenant key for tenant A, and claims by A and by B
        var mine = KeyedApi.Unique("act-a");
        var other = KeyedApi.Unique("act-b");
        var (_, key) = await Api.CreateKeyAsync(fixture.AdminKey, new { name = "activity scope", role = "tenant", tenants = new[] { mine } });
        await ClaimAsync(other);
        await ClaimAsync(mine);
        await WaitForEntriesAsync($"tenantId={mine}", e => e.Count > 0);
        await WaitForEntriesAsync($"tenantId={other}", e => e.Count > 0);

        // When the key reads the log, and asks for B's entries
        var (listed, listedBody) = await Api.SendAsync(key, HttpMethod.Get, "/api/v1/activity?top=1000");
        var (asked, askedBody) = await Api.SendAsync(key, HttpMethod.Get, $"/api/v1/activity?tenantId={other}");

        // Then it sees A's entries only
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var entries = listedBody["entries"]!.AsArray();
        Assert.Contains(entries, e => e!.Str("tenantId") == mine);
        Assert.All(entries, e => Assert.Equal(mine, e!["tenantId"]?.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Empty(askedBody["entries"]!.AsArray());

        await ReleaseAsync(mine);
        await ReleaseAsync(other);
    }

    [Fact]
    public async Task Retention_deletes_entries_older_than_the_setting_and_keeps_the_rest()
    {
        // Given an entry of 8 days ago and one of an hour ago (retention: the default 7 days)
        var tenant = KeyedApi.Unique("act-ret");
        var factory = fixture.App.Services.GetRequiredService<IDbContextFactory<BoilerhouseDb>>();
        var oldId = Random.Shared.NextInt64(1, 1_000_000_000);
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.ActivityLog.Add(Entry(oldId, tenant, DateTimeOffset.UtcNow.AddDays(-8)));
            db.ActivityLog.Add(Entry(oldId + 1, tenant, DateTimeOffset.UtcNow.AddHours(-1)));
            await db.SaveChangesAsync();
        }

        // When the writer runs its clean-up
        var deleted = await fixture.App.Services.GetRequiredService<ActivityWriter>().PurgeExpiredAsync(CancellationToken.None);

        // Then the old entry is gone and the recent one is still served
        Assert.True(deleted >= 1);
        var (_, body) = await Api.SendAsync(fixture.AdminKey, HttpMethod.Get, $"/api/v1/activity?tenantId={tenant}");
        Assert.Equal([oldId + 1], body["entries"]!.AsArray().Select(e => e!["id"]!.GetValue<long>()));
    }

    private static ActivityRecord Entry(long id, string tenant, DateTimeOffset time) => new()
    {
        Id = id, Time = time, Type = EventTypes.ContainerClaimed, PoolId = TestWorkloads.Web, TenantId = tenant, ContainerId = "c",
        Sentence = $"tenant {tenant} claimed container c (pool {TestWorkloads.Web})",
    };

    /// <summary>Polls the log (as admin) until the entries match; the writer stores them a moment after the events.</summary>
    private async Task<List<JsonNode?>> WaitForEntriesAsync(string query, Func<List<JsonNode?>, bool> done)
    {
        List<JsonNode?> entries = [];
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            var (response, body) = await Api.SendAsync(fixture.AdminKey, HttpMethod.Get, $"/api/v1/activity?{query}&top=1000");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            entries = [.. body["entries"]!.AsArray()];
            return done(entries);
        }, $"the activity log answers ?{query} as expected");
        return entries;
    }

    private async Task<string> ClaimAsync(string tenant)
    {
        var (response, body) = await Api.SendAsync(fixture.AdminKey, HttpMethod.Post, $"/api/v1/tenants/{tenant}/claim?waitMs=60000", new { poolId = TestWorkloads.Web });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"claim answered {(int)response.StatusCode}: {body}");
        return body.Str("containerId");
    }

    private async Task ReleaseAsync(string tenant)
    {
        var (response, body) = await Api.SendAsync(fixture.AdminKey, HttpMethod.Post, $"/api/v1/tenants/{tenant}/release?waitMs=60000");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"release answered {(int)response.StatusCode}: {body}");
    }
}
