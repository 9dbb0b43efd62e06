using System.Text.Json;
using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;

namespace Boilerhouse.Orchestration.Tenants;

/// <summary>
/// Answers a claim of a tenant that already holds a container from its assignment, storing no new
/// instance: a loop of repeated claims must not fill the database with their inputs.
/// </summary>
internal static class HeldClaim
{
    /// <summary>The answer for a tenant that holds a container, or null when the claim must run (nothing held, or a known instance id).</summary>
    public static async Task<InstanceOutcome?> AnswerAsync(
        TenantRecord held, OrchestrationStore store, ClaimCommand command, string instanceId)
    {
        // A retried instance id (Idempotency-Key) keeps answering its own instance.
        if (await store.GetAsync(instanceId, false, CancellationToken.None) is not null)
        {
            return null;
        }

        // A claim from another pool is refused as the orchestration would refuse it (its instance id is not stored).
        if (held.PoolId != command.PoolId)
        {
            return new InstanceOutcome(instanceId, OrchestrationRuntimeStatus.Failed, null, ErrorCodes.TenantAlreadyClaimed,
                $"Tenant '{command.TenantId}' already holds a container of pool '{held.PoolId}'; release it before claiming from '{command.PoolId}'.");
        }

        // The claim that handed out the container answers for it.
        var result = new ClaimResult(command.TenantId, held.PoolId, held.ContainerId, held.ContainerName,
            PoolEndpoints.Parse(held.EndpointsJson), held.ClaimedAt, Existing: true);
        return new InstanceOutcome(held.LastInstanceId ?? instanceId, OrchestrationRuntimeStatus.Completed, JsonSerializer.Serialize(result, JsonDefaults.Options), null, null);
    }
}
