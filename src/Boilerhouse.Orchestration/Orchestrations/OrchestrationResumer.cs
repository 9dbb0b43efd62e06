using Boilerhouse.Orchestration.Tenants;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// At start-up, wakes every tenant that has unfinished orchestrations; each resumes them from its
/// last checkpoint, without an operator.
/// </summary>
public sealed class OrchestrationResumer(OrchestrationStore store, IGrainFactory grains, ILogger<OrchestrationResumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tenants = await store.GetTenantsWithUnfinishedAsync(stoppingToken);
        if (tenants.Count > 0)
        {
            logger.LogInformation("Resuming unfinished orchestrations of {Count} tenants", tenants.Count);
        }

        await Task.WhenAll(tenants.Select(t => grains.GetGrain<ITenantGrain>(t).ResumeAsync()));
    }
}
