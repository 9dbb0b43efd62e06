using System.Net;
using System.Net.Http.Headers;
using Boilerhouse.Functions.Routing;
using Boilerhouse.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Routing;

/// <summary>Who may send traffic to a tenant's container once keys are on: its token, a key that may act for it, anyone only when public.</summary>
[Collection(RoutingCollection.Name)]
public sealed class RoutingAccessTests(RoutingFixture fixture)
{
    private readonly HttpClient _admin = fixture.Admin;

    [Fact]
    public async Task Without_a_key_or_token_traffic_is_refused_401()
    {
        await fixture.ClaimEchoAsync("ra-anon");
        using var anonymous = fixture.Anonymous();

        var (response, problem) = await anonymous.SendJsonAsync(HttpMethod.Get, "/t/ra-anon/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHENTICATED", problem.Str("code"));
    }

    [Fact]
    public async Task The_claims_token_passes_by_header_bearer_query_and_cookie()
    {
        var token = await fixture.ClaimEchoAsync("ra-token");
        using var anonymous = fixture.Anonymous();

        using var byHeader = await SendAsync(anonymous, "/t/ra-token/h", r => r.Headers.Add("X-Boilerhouse-Token", token));
        using var byBearer = await SendAsync(anonymous, "/t/ra-token/b", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token));
        using var byQuery = await SendAsync(anonymous, $"/t/ra-token/q?a=1&bh_token={Uri.EscapeDataString(token)}", _ => { });
        using var byCookie = await SendAsync(anonymous, "/t/ra-token/c", r => r.Headers.Add("Cookie", $"bh_token={token}"));

        Assert.Equal(HttpStatusCode.OK, byHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byBearer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byCookie.StatusCode);
        // The query token stays with Boilerhouse (it becomes a cookie for the tenant's path).
        Assert.Contains("target=/q?a=1 ", await byQuery.Content.ReadAsStringAsync());
        Assert.Contains(byQuery.Headers.GetValues("Set-Cookie"), c => c.StartsWith("bh_token=", StringComparison.Ordinal) && c.Contains("path=/t/ra-token/", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Another_tenants_token_is_refused()
    {
        await fixture.ClaimEchoAsync("ra-mine");
        var otherToken = (await fixture.ClaimAsync("ra-other", RoutingFixture.Web)).Str("accessToken");
        using var anonymous = fixture.Anonymous();

        using var response = await SendAsync(anonymous, "/t/ra-mine/", r => r.Headers.Add("X-Boilerhouse-Token", otherToken));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        await fixture.ClaimEchoAsync("ra-expired");
        var settings = fixture.App.Services.GetRequiredService<RoutingSettings>();
        // Signed with the host's key, but issued two hours ago: it expired an hour ago.
        var expired = new RoutingTokens(settings, new FixedTime(DateTimeOffset.UtcNow.AddHours(-2))).Issue("ra-expired");
        var fresh = new RoutingTokens(settings, TimeProvider.System).Issue("ra-expired");
        using var anonymous = fixture.Anonymous();

        using var refused = await SendAsync(anonymous, "/t/ra-expired/", r => r.Headers.Add("X-Boilerhouse-Token", expired.Token));
        using var accepted = await SendAsync(anonymous, "/t/ra-expired/", r => r.Headers.Add("X-Boilerhouse-Token", fresh.Token));

        Assert.True(expired.ExpiresAt < DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Tenant_keys_pass_for_their_tenants_only_and_reader_keys_not_at_all()
    {
        await fixture.ClaimEchoAsync("ra-keyed");
        var tenantKey = await CreateKeyAsync(new { name = "ra tenant", role = "tenant", tenants = new[] { "ra-keyed" } });
        var otherKey = await CreateKeyAsync(new { name = "ra other", role = "tenant", tenants = new[] { "ra-else" } });
        var readerKey = await CreateKeyAsync(new { name = "ra reader", role = "reader" });
        using var anonymous = fixture.Anonymous();

        using var own = await SendAsync(anonymous, "/t/ra-keyed/", r => r.Headers.Add("X-API-Key", tenantKey));
        using var other = await SendAsync(anonymous, "/t/ra-keyed/", r => r.Headers.Add("X-API-Key", otherKey));
        using var reader = await SendAsync(anonymous, "/t/ra-keyed/", r => r.Headers.Add("X-API-Key", readerKey));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("auth=absent", await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
    }

    [Fact]
    public async Task A_public_workload_lets_anyone_in_and_claims_on_the_first_request()
    {
        using var anonymous = fixture.Anonymous();

        using var response = await SendAsync(anonymous, "/t/ra-public/", r => r.Headers.Add("X-Boilerhouse-Pool", RoutingFixture.Public));
        using var again = await anonymous.GetAsync("/t/ra-public/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("boilerhouse ok", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(RoutingFixture.Public, (await _admin.GetJsonAsync("/api/v1/tenants/ra-public/status")).Str("poolId"));
    }

    [Fact]
    public async Task Tenant_traffic_is_not_written_to_the_audit_log()
    {
        var token = await fixture.ClaimEchoAsync("ra-audit");
        using var anonymous = fixture.Anonymous();

        using var post = await SendAsync(anonymous, "/t/ra-audit/form", r =>
        {
            r.Method = HttpMethod.Post;
            r.Content = new StringContent("x");
            r.Headers.Add("X-Boilerhouse-Token", token);
        });
        // The API's own POSTs are audited as ever: the log works, it just never sees tenant traffic.
        using var refused = await anonymous.PostAsync("/api/v1/tenants/ra-audit/activity", null);
        var audit = await AuditTargetsAsync();
        for (var deadline = DateTime.UtcNow.AddSeconds(90); !audit.Contains("/api/v1/tenants/ra-audit/activity") && DateTime.UtcNow < deadline;)
        {
            // The record is written as the answer goes out: wait for it rather than race it.
            await Task.Delay(200);
            audit = await AuditTargetsAsync();
        }

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("/api/v1/tenants/ra-audit/activity", audit);
        Assert.DoesNotContain(audit, target => target.StartsWith("/t/", StringComparison.Ordinal));
    }

    private async Task<List<string>> AuditTargetsAsync() =>
        [.. (await _admin.GetJsonAsync("/api/v1/audit?top=1000"))["entries"]!.AsArray().Select(e => e!["target"]!.GetValue<string>())];

    private async Task<string> CreateKeyAsync(object body)
    {
        var (response, created) = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/keys", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, created.ToJsonString());
        return created.Str("key");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, Action<HttpRequestMessage> shape)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        shape(request);
        return client.SendAsync(request);
    }

    private sealed class FixedTime(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
