using Boilerhouse.Client;
using Boilerhouse.Client.Models;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;

namespace Boilerhouse.Client.Tests.Infrastructure;

/// <summary>
/// One real host process for the test classes of the client host collection, with keys on (a bootstrap admin key), a roomy pool, a
/// pool of one container and a pool that saves its tenants' state to a local folder. Disposing stops it and removes its containers by label.
/// </summary>
public sealed class ClientHost : IAsyncLifetime
{
    public const string Pool = "client-web";
    public const string ScarcePool = "client-scarce";

    /// <summary>A pool whose tenants' /state is saved to a local folder sink on release.</summary>
    public const string SyncedPool = "client-synced";

    private readonly HostProcessFolder _folder = new();
    private HostProcess? _host;

    public string AdminKey { get; } = $"client-admin-{Guid.NewGuid():N}";

    public Uri Url { get; private set; } = null!;

    public string InstanceId => _folder.InstanceId;

    public async Task InitializeAsync()
    {
        _folder.AddWorkload(Pool, new WorkloadYaml(Pool) { MinSize = 1, MaxSize = 4, Volumes = WorkloadYaml.AllVolumes }.ToString());
        _folder.AddWorkload(ScarcePool, new WorkloadYaml(ScarcePool) { MinSize = 1, MaxSize = 1 }.ToString());
        Directory.CreateDirectory(_folder.Sink);
        _folder.AddWorkload(SyncedPool, new WorkloadYaml(SyncedPool)
        {
            MinSize = 1,
            MaxSize = 2,
            Sync = $$"""
                sink: { type: local, path: "{{_folder.Sink}}", prefix: "client/${tenantId}/" }
                mappings:
                  - { container_path: /state, sink_path: data/, direction: bidirectional, mode: sync }
                """,
        }.ToString());
        _host = await _folder.StartAsync(new Dictionary<string, string> { ["BOILERHOUSE_ADMIN_KEY"] = AdminKey });
        Url = _host.Client.BaseAddress!;
        using var admin = Admin();
        await WaitForWarmAsync(admin, Pool);
        await WaitForWarmAsync(admin, ScarcePool);
        await WaitForWarmAsync(admin, SyncedPool);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _folder.DisposeAsync();
    }

    /// <summary>A client with the admin key.</summary>
    public BoilerhouseClient Admin(BoilerhouseClientOptions? options = null) => new(Url, new BoilerhouseKeyCredential(AdminKey), options);

    /// <summary>Waits (up to 3 minutes: a loaded engine starts containers slowly) for a warm container; a timeout names the pool's last error.</summary>
    public static async Task WaitForWarmAsync(BoilerhouseClient client, string poolId)
    {
        Pool pool = null!;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while ((pool = await client.GetPoolAsync(poolId)).Warm < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for a warm container in {poolId}: {pool}");
            await Task.Delay(200);
        }
    }

    /// <summary>The containers of a pool a tenant holds, as the pool sees them.</summary>
    public static async Task<IReadOnlyList<PoolContainer>> HeldByAsync(BoilerhouseClient client, string poolId, string tenantId) =>
        [.. (await client.GetPoolContainersAsync(poolId)).Where(c => c.TenantId == tenantId)];
}
