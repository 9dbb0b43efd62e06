using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Sync;
using Boilerhouse.Sync;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// Sync (periodic or on demand): find the tenant's container, then upload and/or download its
/// mappings. Queued behind the tenant's other orchestrations, so it never races a release.
/// </summary>
public sealed class SyncOrchestration(FindContainerActivity find, SyncStateActivity syncState)
    : Orchestration<TenantSync, SyncSummary>, INamedOrchestration
{
    public static string Name => "sync";

    public override string WriteInput(TenantSync input) => System.Text.Json.JsonSerializer.Serialize(input, JsonDefaults.Options);

    public override TenantSync ReadInput(OrchestrationRecord record, IReadOnlyDictionary<string, string>? secrets) =>
        System.Text.Json.JsonSerializer.Deserialize<TenantSync>(record.InputJson!, JsonDefaults.Options)!;

    public override async Task<SyncSummary> RunAsync(OrchestrationContext context, TenantSync input, CancellationToken cancellationToken)
    {
        var target = await context.CallAsync(find, new TenantLookup(input.TenantId, context.Assignment), cancellationToken);
        return await context.CallAsync(syncState, new SyncStep(target, input.Trigger, input.Direction, context.InstanceId), cancellationToken)
            ?? throw new BoilerhouseException(ErrorCodes.SyncNotConfigured, $"Pool '{target.PoolId}' has no sync spec.");
    }
}

/// <summary>A sync of one tenant's state: which way, and what asked for it.</summary>
public sealed record TenantSync(string TenantId, SyncDirection Direction, SyncTrigger Trigger);
