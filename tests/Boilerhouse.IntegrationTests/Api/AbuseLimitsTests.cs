using System.Net;
using System.Text;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Api;

/// <summary>A hostile caller cannot exhaust memory with a body, nor fill the database with claims or config.</summary>
[Collection(DockerCollection.Name)]
public sealed class AbuseLimitsTests(BoilerhouseFixture fixture)
{
    private HttpClient Api => fixture.App.Client;

    [Fact]
    public async Task Chunked_40_MB_claim_body_answers_413_and_claims_nothing()
    {
        var tenant = NewTenant();
        var body = new EndlessJsonStream("{\"poolId\":\"" + TestWorkloads.Web + "\",\"config\":{\"greeting\":\"", 40 * 1024 * 1024);
        using var content = new StreamContent(body);
        content.Headers.ContentType = new("application/json");

        var response = await Api.PostAsync($"/api/v1/tenants/{tenant}/claim", content);

        var problem = await ProblemOf(response);
        Assert.Null(content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("PAYLOAD_TOO_LARGE", problem.Str("code"));
        Assert.Contains("1048576 bytes", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(0, await InstancesOfAsync(tenant));
        Assert.False((await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status"))["assigned"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Chunked_sync_body_over_4_KiB_answers_413()
    {
        var body = new EndlessJsonStream("{\"direction\":\"", 64 * 1024);
        using var content = new StreamContent(body);
        content.Headers.ContentType = new("application/json");

        var response = await Api.PostAsync($"/api/v1/tenants/{NewTenant()}/sync", content);

        var problem = await ProblemOf(response);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("PAYLOAD_TOO_LARGE", problem.Str("code"));
    }

    [Fact]
    public async Task Claim_config_over_64_KiB_answers_400_and_stores_nothing()
    {
        var tenant = NewTenant();

        var (response, problem) = await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Web, config = new { greeting = new string('x', 70_000) } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_CONFIG", problem.Str("code"));
        Assert.Contains("65536 bytes", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(0, await InstancesOfAsync(tenant));
    }

    [Fact]
    public async Task Repeated_claims_of_a_tenant_holding_a_container_store_no_new_instance()
    {
        var tenant = NewTenant();
        var (first, claimed) = await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Web, config = new { greeting = "first" } });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        for (var i = 0; i < 25; i++)
        {
            var (again, body) = await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Web, config = new { greeting = $"again {i}" } });
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.True(body["existing"]!.GetValue<bool>());
            Assert.Equal(claimed.Str("containerId"), body.Str("containerId"));
            Assert.Equal(claimed.Str("instanceId"), body.Str("instanceId"));
        }

        var (otherPool, conflict) = await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Burst });

        Assert.Equal(HttpStatusCode.Conflict, otherPool.StatusCode);
        Assert.Equal("TENANT_ALREADY_CLAIMED", conflict.Str("code"));
        Assert.Equal(1, await InstancesOfAsync(tenant));
        var (release, _) = await Api.ReleaseAsync(tenant);
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.Equal(2, await InstancesOfAsync(tenant));
    }

    [Fact]
    public async Task List_of_1000_leaves_out_inputs_and_the_instance_query_keeps_them()
    {
        var tenant = NewTenant();
        var (claim, claimed) = await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Web, config = new { greeting = "listed" } });
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);

        var list = await Api.GetJsonAsync("/api/v1/orchestrations?top=1000");
        var single = await Api.GetJsonAsync($"/api/v1/orchestrations/{claimed.Str("instanceId")}");

        var instances = list["instances"]!.AsArray();
        Assert.Contains(instances, i => i!.Str("instanceId") == claimed.Str("instanceId"));
        Assert.All(instances, i => Assert.Null(i!["input"]));
        Assert.Equal("listed", single["input"]!["config"]!.Str("greeting"));
        await Api.ReleaseAsync(tenant);
    }

    private async Task<int> InstancesOfAsync(string tenant)
    {
        var dbFactory = fixture.App.Services.GetRequiredService<IDbContextFactory<BoilerhouseDb>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Orchestrations.CountAsync(o => o.TenantId == tenant);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> ProblemOf(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static string NewTenant() => $"abuse-{Guid.NewGuid():N}"[..20];

    /// <summary>A JSON prefix followed by 'x' up to the given length; unseekable, so it goes chunked without a Content-Length.</summary>
    private sealed class EndlessJsonStream(string prefix, long length) : Stream
    {
        private readonly byte[] _prefix = Encoding.UTF8.GetBytes(prefix);
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                var at = _position + i;
                buffer[offset + i] = at < _prefix.Length ? _prefix[at] : (byte)'x';
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
