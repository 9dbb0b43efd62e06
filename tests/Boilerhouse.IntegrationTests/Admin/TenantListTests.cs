using System.Net;
using System.Text.Json.Nodes;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Admin;

/// <summary>GET /api/v1/tenants: the tenants holding containers, filtered and paged, each with its latest sync run.</summary>
[Collection(AdminCollection.Name)]
public sealed class TenantListTests(AdminFixture fixture)
{
    private HttpClient Api => fixture.Api;

    [Fact]
    public async Task List_shows_tenants_of_a_pool_with_their_last_sync_and_pages_them_in_id_order()
    {
        // Given three tenants in the synced pool (each claim restores state: a sync run) and one in the plain pool
        var prefix = AdminFixture.NewTenant()[..12];
        string[] synced = [$"{prefix}-a", $"{prefix}-b", $"{prefix}-c"];
        foreach (var tenant in synced)
        {
            await Api.ClaimOkAsync(tenant, AdminFixture.Synced);
        }

        var plain = $"{prefix}-p";
        await Api.ClaimOkAsync(plain, AdminFixture.Plain);

        // When the synced pool's tenants are listed two at a time
        var listed = new List<JsonNode>();
        string? next = null;
        do
        {
            var page = await Api.GetJsonAsync($"/api/v1/tenants?poolId={AdminFixture.Synced}&status=claimed&limit=2" + (next is null ? "" : $"&after={next}"));
            var items = page["tenants"]!.AsArray().Select(t => t!).ToList();
            Assert.True(items.Count <= 2);
            listed.AddRange(items);
            next = page["next"]?.GetValue<string>();
        }
        while (next is not null && listed.Count < 1000);

        // Then each of ours is there once, in id order, claimed, with its container and the claim's restore as last sync
        var ours = listed.Where(t => t.Str("tenantId").StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.Equal(synced, ours.Select(t => t.Str("tenantId")));
        Assert.Equal(listed.Select(t => t.Str("tenantId")).Order(StringComparer.Ordinal), listed.Select(t => t.Str("tenantId")));
        Assert.All(ours, t =>
        {
            Assert.Equal("claimed", t.Str("status"));
            Assert.Equal(AdminFixture.Synced, t.Str("poolId"));
            Assert.False(string.IsNullOrEmpty(t.Str("containerId")));
            Assert.Equal("claim", t["lastSync"]!.Str("trigger"));
            Assert.True(t["lastSync"]!["succeeded"]!.GetValue<bool>());
        });
        Assert.DoesNotContain(listed, t => t.Str("tenantId") == plain);

        // And the plain pool's tenant has no sync run; no tenant of ours is releasing
        var plainItem = (await Api.GetJsonAsync($"/api/v1/tenants?poolId={AdminFixture.Plain}&limit=500"))["tenants"]!.AsArray()
            .Single(t => t!.Str("tenantId") == plain)!;
        Assert.Null(plainItem["lastSync"]);
        Assert.DoesNotContain((await Api.GetJsonAsync("/api/v1/tenants?status=releasing&limit=500"))["tenants"]!.AsArray(),
            t => t!.Str("tenantId").StartsWith(prefix, StringComparison.Ordinal));

        foreach (var tenant in synced.Append(plain))
        {
            await Api.ReleaseOkAsync(tenant);
        }
    }

    [Theory]
    [InlineData("status=sleeping", "INVALID_REQUEST")]
    [InlineData("limit=0", "INVALID_REQUEST")]
    [InlineData("poolId=BAD", "INVALID_ID")]
    [InlineData("after=%2E%2E", "INVALID_ID")]
    public async Task List_with_a_bad_filter_answers_400_with_its_code(string query, string code)
    {
        var (response, body) = await Api.SendJsonAsync(HttpMethod.Get, $"/api/v1/tenants?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, body.Str("code"));
    }
}
