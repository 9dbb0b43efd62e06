using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Pools;

namespace Boilerhouse.Functions;

/// <summary>
/// In a cluster, when membership declares a silo dead, wakes what it ran: tenants with unfinished
/// orchestrations resume on a survivor and every pool is activated (and warms) again, without
/// waiting for a request or the next timer. Every surviving silo does it; waking a live grain is a
/// no-op, so the work happens once. A pass that fails (the grain directory may still name the dead
/// silo for a moment) is retried.
/// </summary>
internal sealed class SiloLossRecovery(
    IClusterMembershipService membership,
    OrchestrationResumer resumer,
    WorkloadCatalog workloads,
    IGrainFactory grains,
    ILogger<SiloLossRecovery> logger) : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);
    private const int MaxAttempts = 30;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HashSet<SiloAddress>? dead = null;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var nowDead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToHashSet();
                // Silos dead before this one started were handled by start-up's resume.
                var lost = dead is null ? [] : nowDead.Except(dead).ToList();
                dead = nowDead;
                if (lost.Count > 0)
                {
                    logger.LogWarning("Silo {Silos} declared dead; resuming its orchestrations and pools here", string.Join(", ", lost));
                    _ = RecoverAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RecoverAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.WhenAll(
                    resumer.ResumeUnfinishedAsync(stoppingToken),
                    Task.WhenAll(workloads.Workloads.Select(w => grains.GetGrain<IPoolGrain>(w.Id).EnsureWarmAsync())));
                return;
            }
            catch (Exception ex) when (attempt < MaxAttempts && !stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug(ex, "Recovery after a silo loss failed (attempt {Attempt}); retrying", attempt);
                await Task.Delay(RetryEvery, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Could not resume the work of a dead silo after {Attempts} attempts; its tenants resume on their next call, its pools on the next warmPools timer", attempt);
                return;
            }
        }
    }
}
