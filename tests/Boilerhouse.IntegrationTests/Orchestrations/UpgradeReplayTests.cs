using System.Net;
using System.Text.Json.Nodes;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Boilerhouse.IntegrationTests.Orchestrations;

/// <summary>
/// An upgrade between a crash and the resume: the database holds unfinished instances recorded by
/// another version (a step under another name, an orchestration this version lacks). The real host,
/// started on that database, fails them with a clear code and runs none of their steps.
/// </summary>
public sealed class UpgradeReplayTests : IAsyncLifetime
{
    private const string Pool = "upgrade-pool";
    private readonly HostProcessFolder _folder = new();

    public Task InitializeAsync()
    {
        _folder.AddWorkload(Pool, new WorkloadYaml(Pool) { MinSize = 0, MaxSize = 1, IdleTimeout = null }.ToString());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _folder.DisposeAsync();

    [Fact]
    public async Task Resumed_instances_recorded_by_another_version_fail_with_a_clear_code_and_run_nothing()
    {
        // Given a claim whose step 2 an earlier version recorded as "TakeContainer" (this one runs
        // "TakeWarmContainerActivity" there), and an instance of an orchestration this version lacks
        var tenant = $"upgrade-{Guid.NewGuid():N}"[..20];
        var claim = $"claim-{Guid.NewGuid():N}";
        var retired = $"retired-{Guid.NewGuid():N}";
        await using (var db = await OpenDatabaseAsync())
        {
            db.Orchestrations.Add(Running(claim, ClaimOrchestration.Name, tenant,
                new ClaimCommand(tenant, Pool, null, new Dictionary<string, string>()).ToRedactedJson()));
            db.OrchestrationSteps.AddRange(
                Succeeded(claim, 1, "CheckTenant", "null"),
                Succeeded(claim, 2, "TakeContainer", """{"containerName":"bh-upgrade-pool-gone","containerId":"0123456789ab"}"""));
            db.Orchestrations.Add(Running(retired, "migrate", $"{tenant}-b", "{}"));
            await db.SaveChangesAsync();
        }

        // When this version starts on that database
        await using var host = await _folder.StartAsync();

        // Then the claim fails naming step 2 and both names, without taking or recording anything
        var status = await WaitFinishedAsync(host.Client, claim);
        Assert.Equal("Failed", status.Str("runtimeStatus"));
        Assert.Equal("ORCHESTRATION_NONDETERMINISTIC", status["error"]!.Str("code"));
        var message = status["error"]!.Str("message");
        Assert.Contains("Step 2", message);
        Assert.Contains("'TakeContainer'", message);
        Assert.Contains("'TakeWarmContainerActivity'", message);
        Assert.Equal(["CheckTenant", "TakeContainer"], status["steps"]!.AsArray().Select(s => s!.Str("name")));
        var tenantStatus = await host.Client.GetJsonAsync($"/api/v1/tenants/{tenant}/status");
        Assert.False(tenantStatus["assigned"]!.GetValue<bool>());
        Assert.Empty(await DockerProbe.ListAsync(_folder.InstanceId, Pool));

        // And the instance of the orchestration this version does not have fails as unknown
        var unknown = await WaitFinishedAsync(host.Client, retired);
        Assert.Equal("Failed", unknown.Str("runtimeStatus"));
        Assert.Equal("ORCHESTRATION_UNKNOWN", unknown["error"]!.Str("code"));
        Assert.Contains("'migrate'", unknown["error"]!.Str("message"));
    }

    /// <summary>The host's database, created as the host would create it.</summary>
    private async Task<BoilerhouseDb> OpenDatabaseAsync()
    {
        var path = Path.Combine(_folder.Data, "boilerhouse.db");
        var options = DatabaseOptions.For(DatabaseSettings.Sqlite(path));
        var factory = new PooledDbContextFactory<BoilerhouseDb>(options);
        await new DatabaseInitializer(factory).InitializeAsync(CancellationToken.None);
        return await factory.CreateDbContextAsync();
    }

    private static OrchestrationRecord Running(string instanceId, string name, string tenantId, string inputJson) => new()
    {
        InstanceId = instanceId,
        Name = name,
        TenantId = tenantId,
        PoolId = Pool,
        InputJson = inputJson,
        RuntimeStatus = OrchestrationRuntimeStatus.Running,
        CustomStatus = "Started",
        CreatedTime = DateTimeOffset.UtcNow,
        LastUpdatedTime = DateTimeOffset.UtcNow,
    };

    private static OrchestrationStepRecord Succeeded(string instanceId, int sequence, string name, string outputJson) => new()
    {
        InstanceId = instanceId,
        Sequence = sequence,
        Name = name,
        Attempt = 1,
        StartedAt = DateTimeOffset.UtcNow,
        EndedAt = DateTimeOffset.UtcNow,
        Outcome = StepOutcome.Succeeded,
        OutputJson = outputJson,
    };

    private static async Task<JsonNode> WaitFinishedAsync(HttpClient client, string instanceId)
    {
        JsonNode status = null!;
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            var (response, body) = await client.SendJsonAsync(HttpMethod.Get, $"/api/v1/orchestrations/{instanceId}");
            status = body;
            return response.StatusCode == HttpStatusCode.OK;
        }, $"instance {instanceId} finishes");
        return status;
    }
}
