using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Api;

/// <summary>Bad input answers with a precise problem (status and stable code) and changes nothing.</summary>
[Collection(DockerCollection.Name)]
public sealed class ValidationTests(BoilerhouseFixture fixture)
{
    private HttpClient Api => fixture.App.Client;

    public static TheoryData<string, object, HttpStatusCode, string> BadClaims => new()
    {
        { "Bad_Tenant", new { poolId = TestWorkloads.Web }, HttpStatusCode.BadRequest, "INVALID_ID" },
        { "t-ok", new { poolId = "no-such-pool" }, HttpStatusCode.NotFound, "POOL_NOT_FOUND" },
        { "t-ok", new { poolId = "../etc" }, HttpStatusCode.BadRequest, "INVALID_ID" },
        { "t-ok", new { }, HttpStatusCode.BadRequest, "INVALID_REQUEST" },
        { "t-ok", new { poolId = 5 }, HttpStatusCode.BadRequest, "INVALID_REQUEST" },
        { "t-ok", new { poolId = TestWorkloads.Web, secret = new { } }, HttpStatusCode.BadRequest, "INVALID_REQUEST" },
        { "t-ok", "{not json", HttpStatusCode.BadRequest, "INVALID_REQUEST" },
        { "t-ok", "[1,2]", HttpStatusCode.BadRequest, "INVALID_REQUEST" },
        { "t-ok", new { poolId = TestWorkloads.Web, config = new { greeting = 5 } }, HttpStatusCode.BadRequest, "INVALID_CONFIG" },
        { "t-ok", new { poolId = TestWorkloads.Web, config = new { greeting = "x", extra = 1 } }, HttpStatusCode.BadRequest, "INVALID_CONFIG" },
        { "t-ok", new { poolId = TestWorkloads.Web, config = "text" }, HttpStatusCode.BadRequest, "INVALID_CONFIG" },
        { "t-ok", new { poolId = TestWorkloads.Web, secrets = new { key = 5 } }, HttpStatusCode.BadRequest, "INVALID_SECRETS" },
        { "t-ok", new { poolId = TestWorkloads.Web, secrets = new Dictionary<string, string> { ["../escape"] = "x" } }, HttpStatusCode.BadRequest, "INVALID_SECRETS" },
    };

    [Theory]
    [MemberData(nameof(BadClaims))]
    public async Task Invalid_claim_answers_problem_with_code_and_claims_nothing(string tenant, object body, HttpStatusCode status, string code)
    {
        var (response, problem) = await Api.ClaimAsync(tenant, body);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, problem!.Str("code"));
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")));
        if (tenant == "t-ok")
        {
            var state = await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status");
            Assert.False(state["assigned"]!.GetValue<bool>());
        }
    }

    [Theory]
    [InlineData("claim", "waitMs=abc")]
    [InlineData("claim", "waitMs=60001")]
    [InlineData("claim", "waitMs=-1")]
    [InlineData("release", "waitMs=1.5")]
    public async Task Bad_waitMs_answers_invalid_request_before_anything_starts(string starter, string query)
    {
        var tenant = $"wait-{starter}-{Guid.NewGuid():N}"[..24];
        if (starter == "release")
        {
            await Api.ClaimOkAsync(tenant, TestWorkloads.Web);
        }

        var before = await InstancesOfAsync(tenant);
        var (response, problem) = starter == "claim"
            ? await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Web }, query)
            : await Api.ReleaseAsync(tenant, query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_REQUEST", problem.Str("code"));
        Assert.Contains("waitMs", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, await InstancesOfAsync(tenant));
        Assert.Equal(starter == "release", (await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status"))["assigned"]!.GetValue<bool>());
        if (starter == "release")
        {
            await Api.ReleaseOkAsync(tenant);
        }
    }

    private async Task<string> InstancesOfAsync(string tenant)
    {
        var list = await Api.GetJsonAsync($"/api/v1/orchestrations?tenantId={tenant}");
        return string.Join(",", list["instances"]!.AsArray().Select(i => i!.Str("instanceId")));
    }

    [Theory]
    [InlineData("/api/v1/tenants/UPPER/status", HttpStatusCode.BadRequest, "INVALID_ID")]
    [InlineData("/api/v1/pools/nope", HttpStatusCode.NotFound, "POOL_NOT_FOUND")]
    [InlineData("/api/v1/pools/Bad!", HttpStatusCode.BadRequest, "INVALID_ID")]
    [InlineData("/api/v1/orchestrations/bad!id", HttpStatusCode.BadRequest, "INVALID_ID")]
    [InlineData("/api/v1/orchestrations/0123456789abcdef0123456789abcdef", HttpStatusCode.NotFound, "ORCHESTRATION_NOT_FOUND")]
    public async Task Invalid_lookup_answers_problem_with_code(string url, HttpStatusCode status, string code)
    {
        var (response, problem) = await Api.SendJsonAsync(HttpMethod.Get, url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, problem!.Str("code"));
    }
}
