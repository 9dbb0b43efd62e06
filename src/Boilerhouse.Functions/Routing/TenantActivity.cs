using System.Collections.Concurrent;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Functions.Routing;

/// <summary>
/// Proxied requests count as tenant activity (the idle timer starts again) without a write per
/// request: requests only mark their tenant here, and once a second each marked tenant is touched
/// once through its grain (one database write per active tenant per second at most).
/// </summary>
public sealed class TenantActivity(Func<string, Task> touch, ILogger<TenantActivity> logger) : BackgroundService
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, byte> _marked = new(StringComparer.Ordinal);

    public TenantActivity(IGrainFactory grains, ILogger<TenantActivity> logger)
        : this(tenantId => grains.GetGrain<ITenantGrain>(tenantId).TouchAsync(), logger)
    {
    }

    /// <summary>Tenants marked since the last flush.</summary>
    public int Pending => _marked.Count;

    public void Record(string tenantId) => _marked.TryAdd(tenantId, 0);

    /// <summary>Touches every marked tenant once and unmarks it.</summary>
    public async Task FlushAsync()
    {
        foreach (var tenantId in _marked.Keys)
        {
            if (!_marked.TryRemove(tenantId, out _))
            {
                continue;
            }

            try
            {
                await touch(tenantId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not record the traffic of tenant {TenantId} as activity", tenantId);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
