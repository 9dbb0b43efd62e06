using System.Net;
using Boilerhouse.IntegrationTests.Access;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Admin;

/// <summary>A tenant key lists only the tenants in its scope; the containers admin API is closed to it.</summary>
public sealed class TenantListScopeTests(TenantKeyFixture fixture) : IClassFixture<TenantKeyFixture>
{
    [Fact]
    public async Task Tenant_key_lists_only_tenants_in_its_scope()
    {
        // Given a tenant key for "sc-a*" and claimed tenants inside and outside that scope
        var api = fixture.App.Client;
        var scope = KeyedApi.Unique("sc");
        var (_, key) = await api.CreateKeyAsync(fixture.AdminKey, new { name = "list scope", role = "tenant", tenants = new[] { $"{scope}-a*" } });
        string[] tenants = [$"{scope}-a1", $"{scope}-a2", $"{scope}-b1"];
        foreach (var tenant in tenants)
        {
            var (claim, claimBody) = await api.SendAsync(fixture.AdminKey, HttpMethod.Post, $"/api/v1/tenants/{tenant}/claim?waitMs=60000", new { poolId = TestWorkloads.Web });
            Assert.True(claim.StatusCode == HttpStatusCode.OK, claimBody.ToJsonString());
        }

        // When the tenant key and the admin key list tenants
        var (mine, mineBody) = await api.SendAsync(key, HttpMethod.Get, "/api/v1/tenants?limit=500");
        var (all, allBody) = await api.SendAsync(fixture.AdminKey, HttpMethod.Get, "/api/v1/tenants?limit=500");

        // Then the tenant key sees only its two, the admin all three
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal([$"{scope}-a1", $"{scope}-a2"], mineBody["tenants"]!.AsArray().Select(t => t!.Str("tenantId")));
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(tenants, allBody["tenants"]!.AsArray().Select(t => t!.Str("tenantId")).Where(t => t.StartsWith(scope, StringComparison.Ordinal)));

        // And the containers API refuses it
        var (containers, _) = await api.SendAsync(key, HttpMethod.Get, "/api/v1/containers");
        Assert.Equal(HttpStatusCode.Forbidden, containers.StatusCode);

        foreach (var tenant in tenants)
        {
            await api.SendAsync(fixture.AdminKey, HttpMethod.Post, $"/api/v1/tenants/{tenant}/release?waitMs=60000");
        }
    }
}
