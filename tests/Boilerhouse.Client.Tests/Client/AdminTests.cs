using Boilerhouse.Client.Models;
using Boilerhouse.Client.Tests.Infrastructure;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.Client.Tests.Client;

/// <summary>The operator's views through the client: tenants and containers lists (paged), one container, removal, logs, stats, release options, verify.</summary>
[Collection(ClientHostCollection.Name)]
public sealed class AdminTests(ClientHost host)
{
    [Fact]
    public async Task Tenants_list_pages_through_the_tenants_holding_a_container_and_filters_by_status()
    {
        using var client = host.Admin();
        await using var first = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "list");
        await using var second = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "list");

        var all = await ToListAsync(client.GetTenantsAsync(new TenantQuery { PoolId = ClientHost.Pool, PageSize = 1 }));
        var releasing = await ToListAsync(client.GetTenantsAsync(new TenantQuery { Status = "releasing" }));
        var badStatus = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => ToListAsync(client.GetTenantsAsync(new TenantQuery { Status = "asleep" })));

        var mine = all.Where(t => t.TenantId == first.TenantId || t.TenantId == second.TenantId).ToList();
        Assert.Equal(2, mine.Count);
        Assert.All(mine, t => Assert.Equal(("claimed", ClientHost.Pool), (t.Status, t.PoolId)));
        Assert.Equal(first.ContainerId, mine.Single(t => t.TenantId == first.TenantId).ContainerId);
        Assert.Equal(all.OrderBy(t => t.TenantId, StringComparer.Ordinal).Select(t => t.TenantId), all.Select(t => t.TenantId));
        Assert.DoesNotContain(releasing, t => t.TenantId == first.TenantId);
        Assert.Equal("INVALID_REQUEST", badStatus.Code);
    }

    [Fact]
    public async Task Claim_answers_an_access_token_for_the_tenants_traffic()
    {
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "token");

        Assert.False(string.IsNullOrEmpty(held.Claim.AccessToken));
        Assert.True(held.Claim.AccessTokenExpiresAt > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Containers_list_pages_and_filters_and_show_tells_the_record_and_dockers_view()
    {
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "show");
        await using var other = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "show");

        var pool = await ToListAsync(client.GetContainersAsync(new ContainerQuery { PoolId = ClientHost.Pool, PageSize = 1 }));
        var onePage = await ToListAsync(client.GetContainersAsync(new ContainerQuery { PoolId = ClientHost.Pool }));
        var claimed = await ToListAsync(client.GetContainersAsync(new ContainerQuery { TenantId = held.TenantId }));
        var detail = await client.GetContainerAsync(held.ContainerId);
        var unknown = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => client.GetContainerAsync("no-such-container"));

        Assert.Contains(pool, c => c.ContainerId == held.ContainerId);
        Assert.Contains(pool, c => c.ContainerId == other.ContainerId);
        Assert.Equal(onePage.Where(c => c.State == "claimed").Select(c => c.Name), pool.Where(c => c.State == "claimed").Select(c => c.Name));
        Assert.All(pool, c => Assert.Equal(ClientHost.Pool, c.PoolId));
        var mine = Assert.Single(claimed);
        Assert.Equal((held.ContainerId, "claimed"), (mine.ContainerId, mine.State));
        Assert.Equal((held.TenantId, "claimed", ClientHost.Pool), (detail.TenantId, detail.State, detail.PoolId));
        Assert.True(detail.Docker!.Running);
        Assert.Contains(detail.Volumes, v => v is { Destination: "/state", Role: "state" });
        Assert.Equal("true", detail.Labels["boilerhouse.managed"]);
        Assert.Equal(("CONTAINER_NOT_FOUND", 404), (unknown.Code, unknown.Status));
    }

    [Fact]
    public async Task Removing_a_held_container_releases_its_tenant_first_and_a_warm_one_goes_at_once()
    {
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "rm");

        var removal = await client.RemoveContainerAsync(held.ContainerId, saveState: false);

        Assert.True(removal.Released);
        Assert.Equal(held.TenantId, removal.TenantId);
        Assert.Null(await DockerProbe.InspectAsync(held.ContainerId));
        Assert.Equal("unclaimed", (await client.GetTenantStatusAsync(held.TenantId)).Status);

        await ClientHost.WaitForWarmAsync(client, ClientHost.Pool);
        var warm = (await ToListAsync(client.GetContainersAsync(new ContainerQuery { PoolId = ClientHost.Pool, State = "warm" }))).First();
        var removedWarm = await client.RemoveContainerAsync(warm.ContainerId!);
        Assert.False(removedWarm.Released);
        Assert.Null(await DockerProbe.InspectAsync(warm.ContainerId!));

        var again = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => client.RemoveContainerAsync(warm.ContainerId!));
        Assert.Equal("CONTAINER_NOT_FOUND", again.Code);
    }

    [Fact]
    public async Task Container_logs_answer_the_last_lines_and_a_follow_yields_new_ones()
    {
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "logs");
        // A line in the container's own log: written to the stdout of its first process.
        await client.ExecAsync(held.TenantId, ["sh", "-c", "echo first-line > /proc/1/fd/1; echo second-line > /proc/1/fd/1"]);

        var logs = await client.GetContainerLogsAsync(held.ContainerId, tail: 1);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var lines = client.FollowContainerLogsAsync(held.ContainerId, tail: 0, stop.Token).GetAsyncEnumerator(stop.Token);
        var next = lines.MoveNextAsync();
        await client.ExecAsync(held.TenantId, ["sh", "-c", "echo followed-line > /proc/1/fd/1"]);

        Assert.Equal("second-line\n", logs.Text);
        Assert.False(logs.Truncated);
        Assert.True(await next);
        Assert.Equal(new ContainerLogLine("stdout", "followed-line"), lines.Current);
        await stop.CancelAsync();
        await lines.DisposeAsync();
    }

    [Fact]
    public async Task Stats_count_the_pools_and_the_tenants_holding_containers()
    {
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "stats");

        var stats = await client.GetStatsAsync();

        Assert.Equal(3, stats.Pools);
        Assert.True(stats.Tenants.Claimed >= 1);
        Assert.True(stats.ByPool.Single(p => p.PoolId == ClientHost.Pool).Containers.Claimed >= 1);
        Assert.True(stats.LastHour.Claims.Succeeded >= 1);
    }

    [Fact]
    public async Task Release_without_sync_skips_the_save_and_verify_reports_what_the_sink_holds()
    {
        // Given a tenant of the synced pool whose state was saved once
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.SyncedPool, "verify");
        await client.PutFileAsync(held.TenantId, "saved.txt", "kept"u8.ToArray());
        await client.SyncAsync(held.TenantId, SyncDirection.Upload);
        var saved = await client.VerifyTenantStateAsync(held.TenantId);

        // When a later change is released without sync
        await client.PutFileAsync(held.TenantId, "lost.txt", "dropped"u8.ToArray());
        var release = await client.ReleaseAsync(held.TenantId, new ReleaseOptions { Sync = false });

        // Then the release says it skipped the save, the sink holds only what was saved, and the next claim gets that
        Assert.True(release.SyncSkipped);
        Assert.True(saved.Intact);
        Assert.Equal(1, saved.Mappings.Single().Checked);
        var after = await client.VerifyTenantStateAsync(held.TenantId, ClientHost.SyncedPool);
        Assert.True(after.Intact);
        await using var again = new HeldContainer(client, await client.ClaimAsync(held.TenantId, new ClaimRequest(ClientHost.SyncedPool)));
        Assert.Equal(["saved.txt"], (await client.ListFilesAsync(held.TenantId)).Entries.Select(e => e.Name));
        var notSynced = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => client.VerifyTenantStateAsync(held.TenantId, ClientHost.Pool));
        Assert.Equal("SYNC_NOT_CONFIGURED", notSynced.Code);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
