using Boilerhouse.Orchestration.Tenants;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// Wakes every tenant that has unfinished orchestrations; each resumes them from its last checkpoint,
/// without an operator. Runs at start-up, and in a cluster whenever a silo dies (its tenants' grains
/// come back on a survivor only when called). Waking a tenant whose grain is alive does nothing.
/// </summary>
public sealed class OrchestrationResumer(OrchestrationStore store, IGrainFactory grains, ILogger<OrchestrationResumer> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => ResumeUnfinishedAsync(stoppingToken);

    public async Task ResumeUnfinishedAsync(CancellationToken cancellationToken)
    {
        var tenants = await store.GetTenantsWithUnfinishedAsync(cancellationToken);
        if (tenants.Count > 0)
        {
            logger.LogInformation("Resuming unfinished orchestrations of {Count} tenants", tenants.Count);
        }

        await Task.WhenAll(tenants.Select(t => grains.GetGrain<ITenantGrain>(t).ResumeAsync()));
    }
}
