using Boilerhouse.Client.Models;
using Boilerhouse.Client.Tests.Infrastructure;

namespace Boilerhouse.Client.Tests.Client;

/// <summary>Keys through the client: create, scope, rotate, revoke.</summary>
[Collection(ClientHostCollection.Name)]
public sealed class KeysTests(ClientHost host)
{
    [Fact]
    public async Task Created_tenant_key_acts_in_its_scope_and_stops_working_when_revoked()
    {
        using var admin = host.Admin();
        var created = await admin.CreateKeyAsync(new NewApiKey("client test", "tenant") { Tenants = ["scoped-*"], Pools = [ClientHost.Pool] });
        var credential = new BoilerhouseKeyCredential(created.Key);
        using var tenant = new BoilerhouseClient(host.Url, credential);

        Assert.Equal("unclaimed", (await tenant.GetTenantStatusAsync("scoped-a")).Status);
        var outside = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => tenant.ClaimAsync("other", new ClaimRequest(ClientHost.Pool)));
        Assert.Equal(404, outside.Status);
        Assert.Contains(await admin.GetKeysAsync(), k => k.Id == created.Id && k.Role == "tenant");

        var rotated = await admin.RotateKeyAsync(created.Id);
        credential.Update(rotated.Key);
        Assert.Equal("unclaimed", (await tenant.GetTenantStatusAsync("scoped-a")).Status);

        await admin.RevokeKeyAsync(created.Id);
        var revoked = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => tenant.GetTenantStatusAsync("scoped-a"));
        Assert.Equal("UNAUTHENTICATED", revoked.Code);
        Assert.Equal(401, revoked.Status);
    }

    [Fact]
    public async Task Request_without_a_key_is_refused_with_unauthenticated()
    {
        using var anonymous = new BoilerhouseClient(host.Url);

        var error = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => anonymous.GetPoolsAsync());

        Assert.Equal("UNAUTHENTICATED", error.Code);
    }
}
