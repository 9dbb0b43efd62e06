using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;

namespace Boilerhouse.IntegrationTests.Cluster;

/// <summary>Two silos with membership on Redis share one PostgreSQL: a tenant is one tenant whichever silo a request reaches.</summary>
public sealed class RedisClusterTests(RedisClusterTests.Cluster cluster) : IClassFixture<RedisClusterTests.Cluster>
{
    private const string Pool = "pair-pool";

    public sealed class Cluster() : LocalCluster(2, "redis")
    {
        protected override IReadOnlyDictionary<string, string> Workloads =>
            new Dictionary<string, string> { [Pool] = new WorkloadYaml(Pool) { MinSize = 1, MaxSize = 4, IdleTimeout = null }.ToString() };
    }

    [Fact]
    public async Task Tenant_claimed_through_one_silo_is_seen_released_and_claimed_again_through_the_other()
    {
        var (first, second) = (cluster.Silos[0], cluster.Silos[1]);

        // Given a claim through silo 1
        var (claim, claimed) = await first.ClaimAsync("pair-tenant", new { poolId = Pool });
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        var containerId = claimed.Str("containerId");

        // When silo 2 is asked about the tenant, then releases it and claims again
        var status = await second.GetJsonAsync("/api/v1/tenants/pair-tenant/status");
        var (release, released) = await second.ReleaseAsync("pair-tenant");
        var (reclaim, reclaimed) = await second.ClaimAsync("pair-tenant", new { poolId = Pool });

        // Then silo 2 saw silo 1's claim, released that container, and the new claim is seen by silo 1
        Assert.Equal("claimed", status.Str("status"));
        Assert.Equal(containerId, status.Str("containerId"));
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.Equal(containerId, released.Str("containerId"));
        Assert.Null(await DockerProbe.InspectAsync(containerId));
        Assert.Equal(HttpStatusCode.OK, reclaim.StatusCode);
        Assert.NotEqual(containerId, reclaimed.Str("containerId"));
        var seenByFirst = await first.GetJsonAsync("/api/v1/tenants/pair-tenant/status");
        Assert.Equal(reclaimed.Str("containerId"), seenByFirst.Str("containerId"));
        Assert.True((await DockerProbe.InspectAsync(reclaimed.Str("containerId")))!.State.Running);
    }
}
