using System.Net;
using Boilerhouse.Client.Models;
using Boilerhouse.Client.Tests.Infrastructure;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.Client.Tests.Client;

/// <summary>The client against the real host: claims that return the container, releases that destroy it, idempotency, problems.</summary>
[Collection(ClientHostCollection.Name)]
public sealed class ClaimReleaseTests(ClientHost host)
{
    [Fact]
    public async Task Claim_returns_the_running_container_and_release_destroys_it()
    {
        using var client = host.Admin();

        var claim = await client.ClaimAsync("round-trip", new ClaimRequest(ClientHost.Pool) { Config = new() { ["greeting"] = "hi" } });

        Assert.Equal("round-trip", claim.TenantId);
        Assert.False(claim.Existing);
        Assert.NotNull(claim.InstanceId);
        Assert.True((await DockerProbe.InspectAsync(claim.ContainerId))!.State.Running);
        var status = await client.GetTenantStatusAsync("round-trip");
        Assert.Equal("claimed", status.Status);
        Assert.Equal(claim.ContainerId, status.ContainerId);
        await client.ReportActivityAsync("round-trip");

        var release = await client.ReleaseAsync("round-trip");

        Assert.Equal(claim.ContainerId, release.ContainerId);
        Assert.Null(await DockerProbe.InspectAsync(claim.ContainerId));
        Assert.Equal("unclaimed", (await client.GetTenantStatusAsync("round-trip")).Status);
    }

    [Fact]
    public async Task Claim_again_returns_the_container_the_tenant_holds()
    {
        using var client = host.Admin();
        var first = await client.ClaimAsync("twice", new ClaimRequest(ClientHost.Pool));

        var second = await client.ClaimAsync("twice", new ClaimRequest(ClientHost.Pool));

        Assert.Equal(first.ContainerId, second.ContainerId);
        Assert.True(second.Existing);
        await client.ReleaseAsync("twice");
    }

    [Fact]
    public async Task Claim_that_the_server_does_not_wait_for_follows_the_status_uri_until_handed_over()
    {
        using var recorder = new RecordingHandler();
        using var client = host.Admin(new BoilerhouseClientOptions { StarterWait = TimeSpan.Zero, Transport = recorder, PollInterval = TimeSpan.FromMilliseconds(200) });

        var claim = await client.ClaimAsync("follower", new ClaimRequest(ClientHost.Pool));

        Assert.True(recorder.Saw(r => r.Method == HttpMethod.Post && r.Status == HttpStatusCode.Accepted));
        Assert.True(recorder.Saw(r => r.Method == HttpMethod.Get && r.Path == $"/api/v1/orchestrations/{claim.InstanceId}"));
        Assert.Single(await ClientHost.HeldByAsync(client, ClientHost.Pool, "follower"));
        await client.ReleaseAsync("follower");
    }

    [Fact]
    public async Task Concurrent_retries_of_one_claim_whose_answers_are_lost_take_one_container()
    {
        // Given four callers sharing an idempotency key, each of whose first answers is lost after the server acted on it
        using var recorder = new RecordingHandler(loseClaimAnswers: 4);
        using var client = host.Admin(new BoilerhouseClientOptions { Transport = recorder, RetryDelay = TimeSpan.FromMilliseconds(100) });
        var request = new ClaimRequest(ClientHost.Pool) { IdempotencyKey = $"one-claim-{Guid.NewGuid():N}" };

        // When they all claim at once and retry
        var claims = await Eventually.WithinAsync(
            Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.ClaimAsync("concurrent", request))), "the concurrent claims finish");

        // Then they all got the same container, and the pool handed out one
        Assert.Single(claims.Select(c => c.ContainerId).Distinct());
        Assert.Single(claims.Select(c => c.InstanceId).Distinct());
        Assert.True(recorder.Seen.Count(r => r.Method == HttpMethod.Post) >= 8);
        Assert.Single(await ClientHost.HeldByAsync(client, ClientHost.Pool, "concurrent"));
        await client.ReleaseAsync("concurrent");
    }

    [Fact]
    public async Task Claim_from_an_unknown_pool_throws_the_problem_code()
    {
        using var client = host.Admin();

        var error = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => client.ClaimAsync("nobody", new ClaimRequest("no-such-pool")));

        Assert.Equal(404, error.Status);
        Assert.Equal("POOL_NOT_FOUND", error.Code);
        Assert.Contains("no-such-pool", error.Message);
    }

    [Fact]
    public async Task Release_of_a_tenant_holding_nothing_throws_tenant_not_found()
    {
        using var client = host.Admin();

        var error = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => client.ReleaseAsync("holds-nothing"));

        Assert.Equal("TENANT_NOT_FOUND", error.Code);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Sync_of_a_pool_without_sync_throws_sync_not_configured()
    {
        using var client = host.Admin();
        await client.ClaimAsync("no-sync", new ClaimRequest(ClientHost.Pool));

        var error = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => client.SyncAsync("no-sync"));

        Assert.Equal("SYNC_NOT_CONFIGURED", error.Code);
        await client.ReleaseAsync("no-sync");
    }

    [Fact]
    public async Task Orchestrations_are_listed_page_by_page_and_can_be_purged()
    {
        using var client = host.Admin();
        var claim = await client.ClaimAsync("paged", new ClaimRequest(ClientHost.Pool));
        var release = await client.ReleaseAsync("paged");

        var listed = new List<OrchestrationInstance>();
        await foreach (var instance in client.GetOrchestrationsAsync(new OrchestrationQuery { TenantId = "paged", PageSize = 1 }))
        {
            listed.Add(instance);
        }

        Assert.Equal([release.InstanceId, claim.InstanceId!], listed.Select(o => o.InstanceId));
        var shown = await client.GetOrchestrationAsync(claim.InstanceId!);
        Assert.Equal("Completed", shown.RuntimeStatus);
        Assert.NotEmpty(shown.Steps!);

        await client.PurgeOrchestrationAsync(release.InstanceId);
        var gone = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => client.GetOrchestrationAsync(release.InstanceId));
        Assert.Equal("ORCHESTRATION_NOT_FOUND", gone.Code);
    }

    [Fact]
    public async Task Activity_log_is_read_page_by_page_newest_first()
    {
        using var client = host.Admin();
        var claim = await client.ClaimAsync("logged", new ClaimRequest(ClientHost.Pool));
        await client.ReleaseAsync("logged");

        // The log is written a moment after the events
        var entries = new List<ActivityEntry>();
        await Eventually.TrueAsync(async () =>
        {
            entries.Clear();
            await foreach (var entry in client.GetActivityAsync(new ActivityQuery { TenantId = "logged", PageSize = 1 }))
            {
                entries.Add(entry);
            }

            return entries.Any(e => e.Type == "container.released");
        }, "the release is in the activity log");

        Assert.True(entries.Count >= 2);
        Assert.Contains(entries, e => e.Type == "container.claimed" && e.ContainerId == claim.ContainerId);
        Assert.Equal(entries.OrderByDescending(e => e.Id).Select(e => e.Id), entries.Select(e => e.Id));
    }

    [Fact]
    public async Task Pools_and_hosts_are_listed()
    {
        using var client = host.Admin();

        var pools = await client.GetPoolsAsync();
        var hosts = await client.GetHostsAsync();
        var local = await client.GetHostAsync(hosts[0].Id);

        Assert.Contains(pools, p => p.Id == ClientHost.ScarcePool && p.MaxSize == 1);
        Assert.Equal(ClientHost.Pool, (await client.GetPoolAsync(ClientHost.Pool)).Id);
        Assert.NotNull(local.Containers);
        var missing = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => client.GetHostAsync("no-such-host"));
        Assert.Equal("HOST_NOT_FOUND", missing.Code);
    }
}
