using System.Net;
using Boilerhouse.Core.Events;
using Boilerhouse.IntegrationTests.Access;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Events;

/// <summary>A tenant key sees only events of tenants in its scope, however it asks.</summary>
public sealed class EventScopeTests(TenantKeyFixture fixture) : IClassFixture<TenantKeyFixture>
{
    private HttpClient Api => fixture.App.Client;

    [Fact]
    public async Task Tenant_key_sees_only_its_own_tenants_events()
    {
        // Given a tenant key for tenant A, and claims by A and by B
        var mine = KeyedApi.Unique("evs-a");
        var other = KeyedApi.Unique("evs-b");
        var (_, key) = await Api.CreateKeyAsync(fixture.AdminKey, new { name = "events scope", role = "tenant", tenants = new[] { mine } });
        await using var stream = await EventStream.OpenSseAsync(Api, "", key);
        await ClaimAsync(other);
        await ClaimAsync(mine);

        // When the key reads the stream and the buffer
        var streamed = await stream.ReadUntilAsync(f => f.Type == EventTypes.OrchestrationCompleted);
        var (listed, listedBody) = await Api.SendAsync(key, HttpMethod.Get, "/api/v1/events?limit=10000");
        var (asked, askedBody) = await Api.SendAsync(key, HttpMethod.Get, $"/api/v1/events?tenantId={other}&limit=10000");

        // Then it sees A's claim and nothing of B or of the pools' own warming
        Assert.All(streamed, f => Assert.Equal(mine, f.Data.Str("tenantId")));
        Assert.Contains(streamed, f => f.Type == EventTypes.ContainerClaimed);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var events = listedBody["events"]!.AsArray();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.Equal(mine, e!.Str("tenantId")));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Empty(askedBody["events"]!.AsArray());

        // And the admin key sees both tenants
        var (_, adminBody) = await Api.SendAsync(fixture.AdminKey, HttpMethod.Get, $"/api/v1/events?tenantId={other}&limit=10000");
        Assert.Contains(adminBody["events"]!.AsArray(), e => e!.Str("type") == EventTypes.ContainerClaimed);

        await ReleaseAsync(mine);
        await ReleaseAsync(other);
    }

    private async Task ClaimAsync(string tenant)
    {
        var (response, body) = await Api.SendAsync(fixture.AdminKey, HttpMethod.Post, $"/api/v1/tenants/{tenant}/claim?waitMs=60000", new { poolId = TestWorkloads.Web });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"claim answered {(int)response.StatusCode}: {body}");
    }

    private async Task ReleaseAsync(string tenant)
    {
        var (response, body) = await Api.SendAsync(fixture.AdminKey, HttpMethod.Post, $"/api/v1/tenants/{tenant}/release?waitMs=60000");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"release answered {(int)response.StatusCode}: {body}");
    }
}
