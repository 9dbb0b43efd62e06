using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;

namespace Boilerhouse.IntegrationTests.Cluster;

/// <summary>Two silos with membership in Azure Table Storage (Azurite), sharing PostgreSQL.</summary>
public sealed class AzureTableClusterTests(AzureTableClusterTests.Cluster cluster) : IClassFixture<AzureTableClusterTests.Cluster>
{
    private const string Pool = "table-pool";

    public sealed class Cluster() : LocalCluster(2, "azuretable")
    {
        protected override IReadOnlyDictionary<string, string> Workloads =>
            new Dictionary<string, string> { [Pool] = new WorkloadYaml(Pool) { MinSize = 1, MaxSize = 4, IdleTimeout = null }.ToString() };
    }

    [Fact]
    public async Task Claims_through_each_silo_get_their_own_containers()
    {
        // When a tenant claims through each silo
        var (first, firstBody) = await cluster.Silos[0].ClaimAsync("table-a", new { poolId = Pool });
        var (second, secondBody) = await cluster.Silos[1].ClaimAsync("table-b", new { poolId = Pool });

        // Then both hold a running container of their own, and each silo sees the other's tenant
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(firstBody.Str("containerId"), secondBody.Str("containerId"));
        Assert.Equal(secondBody.Str("containerId"), (await cluster.Silos[0].GetJsonAsync("/api/v1/tenants/table-b/status")).Str("containerId"));
        Assert.Equal(firstBody.Str("containerId"), (await cluster.Silos[1].GetJsonAsync("/api/v1/tenants/table-a/status")).Str("containerId"));
        Assert.True((await DockerProbe.InspectAsync(firstBody.Str("containerId")))!.State.Running);
        Assert.True((await DockerProbe.InspectAsync(secondBody.Str("containerId")))!.State.Running);
    }
}
