using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Api;

/// <summary>
/// An id that ends in a newline ('alice%0A') would be a second tenant that prints like 'alice';
/// every id, key and name check refuses it (the patterns end in \z, not $).
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class TrailingNewlineTests(BoilerhouseFixture fixture)
{
    private HttpClient Api => fixture.App.Client;

    [Fact]
    public async Task Claim_for_a_tenant_id_with_a_trailing_newline_is_refused_and_claims_nothing()
    {
        var tenant = $"nl-{Guid.NewGuid():N}"[..20];

        var (response, problem) = await Api.ClaimAsync(tenant + "%0A", new { poolId = TestWorkloads.Web });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_ID", problem.Str("code"));
        var state = await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status");
        Assert.False(state["assigned"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Secret_name_with_a_trailing_newline_is_refused_and_claims_nothing()
    {
        var tenant = $"nl-{Guid.NewGuid():N}"[..20];

        var (response, problem) = await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Web, secrets = new Dictionary<string, string> { ["token\n"] = "x" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_SECRETS", problem.Str("code"));
        var state = await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status");
        Assert.False(state["assigned"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("/api/v1/tenants/alice%0A/status")]
    [InlineData("/api/v1/pools/" + TestWorkloads.Web + "%0A")]
    [InlineData("/api/v1/orchestrations/0123456789abcdef0123456789abcdef%0A")]
    public async Task Lookup_by_an_id_with_a_trailing_newline_is_refused(string url)
    {
        var (response, problem) = await Api.SendJsonAsync(HttpMethod.Get, url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_ID", problem.Str("code"));
    }
}
