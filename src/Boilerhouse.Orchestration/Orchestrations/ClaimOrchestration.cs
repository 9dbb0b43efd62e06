using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;
using Boilerhouse.Orchestration.Sync;
using Boilerhouse.Orchestration.Tenants;
using Boilerhouse.Sync;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// Claim: check the tenant, take a warm container, restore the tenant's state from its sink,
/// provision config and secrets into its role volumes, record the assignment. Any failure after the take destroys the container (nothing
/// half-claimed) and the pool refills. Every step is replay-safe.
/// </summary>
public sealed class ClaimOrchestration(
    WorkloadCatalog workloads,
    CheckTenantActivity check,
    TakeWarmContainerActivity take,
    RestoreStateActivity restore,
    ProvisionConfigActivity provisionConfig,
    ProvisionSecretsActivity provisionSecrets,
    RecordAssignmentActivity record,
    CompensateDestroyContainerActivity compensate,
    TimeProvider time,
    ILogger<ClaimOrchestration> logger) : Orchestration<ClaimCommand, ClaimResult>, INamedOrchestration
{
    public static string Name => "claim";

    public const string ConfigFileName = ProvisionConfigActivity.ConfigFileName;

    public override string WriteInput(ClaimCommand input) => input.ToRedactedJson();

    public override ClaimCommand ReadInput(OrchestrationRecord record, IReadOnlyDictionary<string, string>? secrets) =>
        ClaimCommand.FromRedactedJson(record.InputJson!, secrets);

    public override async Task<ClaimResult> RunAsync(OrchestrationContext context, ClaimCommand command, CancellationToken cancellationToken)
    {
        var spec = workloads.GetPool(command.PoolId);
        var existing = await context.CallAsync(check, new TenantCheck(command.TenantId, command.PoolId, context.Assignment), cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var taken = await context.CallAsync(take, new TakeRequest(command.PoolId, command.TenantId, context.InstanceId), cancellationToken);
        var containerName = taken.ContainerName!;
        var containerId = taken.ContainerId!;
        try
        {
            if (spec.Sync is { Policy.OnClaim: true })
            {
                var target = new SyncTarget(command.TenantId, command.PoolId, containerName, containerId);
                await context.CallAsync(restore, new SyncStep(target, SyncTrigger.Claim, SyncDirection.Download, context.InstanceId), cancellationToken);
            }

            // Config and secrets go to different volumes: write both at once (the steps are numbered in call order).
            var provisioning = new List<Task>(2);
            if (command.ConfigJson is not null)
            {
                provisioning.Add(context.CallAsync(provisionConfig, new ConfigProvisioning(containerId, spec, command.ConfigJson), cancellationToken));
            }

            if (command.Secrets.Count > 0 || command.SecretsUnavailable)
            {
                provisioning.Add(context.CallAsync(provisionSecrets, new SecretsProvisioning(containerId, spec, command), cancellationToken));
            }

            await Task.WhenAll(provisioning);

            var claimedAt = time.GetUtcNow();
            var endpoints = taken.Endpoints ?? ContainerEndpoints.None;
            await context.CallAsync(record, new TenantRecord
            {
                TenantId = command.TenantId,
                PoolId = command.PoolId,
                ContainerName = containerName,
                ContainerId = containerId,
                Status = TenantStatus.Claimed,
                EndpointsJson = PoolEndpoints.Format(endpoints),
                ClaimedAt = claimedAt,
                LastActivityAt = claimedAt,
                LastInstanceId = context.InstanceId,
            }, cancellationToken);

            return new ClaimResult(command.TenantId, command.PoolId, containerId, containerName, endpoints, claimedAt);
        }
        catch (Exception ex) when (!context.HasDiverged)
        {
            logger.LogWarning("Claim {InstanceId} of tenant {TenantId} failed after taking {ContainerName}; destroying it",
                context.InstanceId, command.TenantId, containerName);
            await context.CallAsync(compensate, new ContainerToDestroy(command.PoolId, containerName), CancellationToken.None);
            throw ex is BoilerhouseException or OperationCanceledException ? ex : new BoilerhouseException(ErrorCodes.ProvisioningFailed, ex.Message, ex);
        }
    }

    /// <summary>Config goes to the config volume, else beside the secrets; the API refuses config when neither exists.</summary>
    public static string ConfigDirectory(WorkloadSpec spec) => ProvisionConfigActivity.ConfigDirectory(spec);
}
