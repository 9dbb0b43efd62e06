using Boilerhouse.Client.Models;
using Boilerhouse.Client.Tests.Infrastructure;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;

namespace Boilerhouse.Client.Tests.Client;

/// <summary>
/// The host dies in the middle of a claim (the test-only crash hook kills it right after a step) and
/// is started again on the same address and data: the client's retries carry the same idempotency
/// key, so the claim completes with one container.
/// </summary>
public sealed class HostRestartTests : IAsyncLifetime
{
    private const string Pool = "restart-pool";
    private readonly HostProcessFolder _folder = new();
    private readonly FixedAddress _address = new();

    public Task InitializeAsync()
    {
        _folder.AddWorkload(Pool, new WorkloadYaml(Pool) { MinSize = 1, MaxSize = 3 }.ToString());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _address.Dispose();
        await _folder.DisposeAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Claim_survives_a_host_restart_mid_claim_and_takes_one_container(int step)
    {
        var tenant = $"restart-{step}";
        // Retries for as long as a loaded machine may take to start the host again
        using var client = new BoilerhouseClient(_address.Url, null, new BoilerhouseClientOptions
        {
            MaxRetries = 400,
            RetryDelay = TimeSpan.FromMilliseconds(250),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
        });

        // Given a host that dies right after step N of a claim, and a claim under way
        Task<ClaimResult> claiming;
        await using (var doomed = await StartAsync($"claim:{step}"))
        {
            await ClientHost.WaitForWarmAsync(client, Pool);
            claiming = client.ClaimAsync(tenant, new ClaimRequest(Pool));
            await doomed.WaitForExitAsync(TimeSpan.FromSeconds(90));
        }

        Assert.False(claiming.IsCompleted);

        // When the host starts again on the same address
        await using var host = await StartAsync(null);
        // (the client keeps retrying meanwhile: connections to the address are refused until the host is back)

        // Then the same claim completes, and the tenant holds exactly one running container
        var claim = await Eventually.WithinAsync(claiming, "the claim completes after the restart", TimeSpan.FromSeconds(180));
        Assert.True((await DockerProbe.InspectAsync(claim.ContainerId))!.State.Running);
        var held = await ClientHost.HeldByAsync(client, Pool, tenant);
        Assert.Equal(claim.ContainerId, Assert.Single(held).ContainerId);
        var claims = new List<OrchestrationInstance>();
        await foreach (var instance in client.GetOrchestrationsAsync(new OrchestrationQuery { TenantId = tenant, Name = "claim" }))
        {
            claims.Add(instance);
        }

        Assert.Equal("Completed", Assert.Single(claims).RuntimeStatus);
        await client.ReleaseAsync(tenant);
    }

    private async Task<HostProcess> StartAsync(string? crashAfter)
    {
        _address.Target = null;
        var host = await _folder.StartAsync(crashAfter is null ? null : new Dictionary<string, string> { ["BOILERHOUSE_TEST_CRASH_AFTER"] = crashAfter });
        _address.Target = host.Client.BaseAddress;
        return host;
    }
}
