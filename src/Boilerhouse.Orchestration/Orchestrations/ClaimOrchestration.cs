using System.Text;
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
    TakeWarmContainerActivity take,
    ProvisionFilesActivity provision,
    AssignmentActivity assignments,
    DestroyContainerActivity destroy,
    SyncActivity sync,
    TimeProvider time,
    ILogger<ClaimOrchestration> logger)
{
    public const string Name = "claim";
    public const string ConfigFileName = "config.json";
    private const UnixFileMode ConfigMode = UnixFileMode.UserRead | UnixFileMode.GroupRead;
    private const UnixFileMode SecretMode = UnixFileMode.UserRead;

    public async Task<ClaimResult> RunAsync(OrchestrationContext context, ClaimCommand command, CancellationToken cancellationToken)
    {
        var spec = workloads.GetPool(command.PoolId);
        var existing = await context.CallActivityAsync("CheckTenant",
            ct => CheckTenantAsync(command, ct), cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var taken = await context.CallActivityAsync(nameof(TakeWarmContainerActivity),
            ct => take.RunAsync(command.PoolId, command.TenantId, context.InstanceId, ct), cancellationToken);
        var containerName = taken.ContainerName!;
        var containerId = taken.ContainerId!;
        try
        {
            if (spec.Sync is { Policy.OnClaim: true })
            {
                var target = new SyncTarget(command.TenantId, command.PoolId, containerName, containerId);
                await context.CallActivityAsync("RestoreState",
                    ct => sync.RunAsync(target, SyncTrigger.Claim, SyncDirection.Download, context.InstanceId, ct), cancellationToken);
            }

            // Config and secrets go to different volumes: write both at once (the steps are numbered in call order).
            var provisioning = new List<Task>(2);
            if (command.ConfigJson is not null)
            {
                var file = new ContainerFile(ConfigFileName, Encoding.UTF8.GetBytes(command.ConfigJson), ConfigMode);
                provisioning.Add(context.CallActivityAsync("ProvisionConfig",
                    ct => provision.RunAsync(containerId, ConfigDirectory(spec), [file], spec.Security, ct), cancellationToken));
            }

            if (command.Secrets.Count > 0 || command.SecretsUnavailable)
            {
                provisioning.Add(context.CallActivityAsync("ProvisionSecrets", ct => ProvisionSecretsAsync(command, spec, containerId, ct), cancellationToken));
            }

            await Task.WhenAll(provisioning);

            var claimedAt = time.GetUtcNow();
            var endpoints = taken.Endpoints ?? ContainerEndpoints.None;
            await context.CallActivityAsync("RecordAssignment", ct => assignments.SaveAsync(new TenantRecord
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
            }, ct), cancellationToken);

            return new ClaimResult(command.TenantId, command.PoolId, containerId, containerName, endpoints, claimedAt);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Claim {InstanceId} of tenant {TenantId} failed after taking {ContainerName}; destroying it",
                context.InstanceId, command.TenantId, containerName);
            await context.CallActivityAsync("CompensateDestroyContainer",
                ct => destroy.RunAsync(command.PoolId, containerName, ct), CancellationToken.None);
            throw ex is BoilerhouseException or OperationCanceledException ? ex : new BoilerhouseException(ErrorCodes.ProvisioningFailed, ex.Message, ex);
        }
    }

    /// <summary>Config goes to the config volume, else beside the secrets; the API refuses config when neither exists.</summary>
    public static string ConfigDirectory(WorkloadSpec spec) =>
        (spec.VolumeFor(VolumeRole.Config) ?? spec.VolumeFor(VolumeRole.Secrets))?.Target
        ?? throw new BoilerhouseException(ErrorCodes.InvalidConfig, $"Workload '{spec.Id}' has no config or secrets volume to receive config.");

    /// <summary>One container per tenant: a tenant that holds one of this pool gets it back; another pool is a conflict.</summary>
    private async Task<ClaimResult?> CheckTenantAsync(ClaimCommand command, CancellationToken cancellationToken)
    {
        var current = await assignments.LoadAsync(command.TenantId, cancellationToken);
        if (current is null || current.Status == TenantStatus.Lost)
        {
            return null;
        }

        if (current.PoolId != command.PoolId)
        {
            throw new BoilerhouseException(ErrorCodes.TenantAlreadyClaimed,
                $"Tenant '{command.TenantId}' already holds a container of pool '{current.PoolId}'; release it before claiming from '{command.PoolId}'.");
        }

        if (current.Status != TenantStatus.Claimed)
        {
            throw new BoilerhouseException(ErrorCodes.TenantBusy, $"Tenant '{command.TenantId}' is {current.Status.ToString().ToLowerInvariant()}; claim again when it is done.");
        }

        return new ClaimResult(command.TenantId, current.PoolId, current.ContainerId, current.ContainerName,
            PoolEndpoints.Parse(current.EndpointsJson), current.ClaimedAt, Existing: true);
    }

    private Task ProvisionSecretsAsync(ClaimCommand command, WorkloadSpec spec, string containerId, CancellationToken cancellationToken)
    {
        if (command.SecretsUnavailable)
        {
            throw new BoilerhouseException(OrchestrationErrorCodes.ClaimInterrupted,
                "The claim was interrupted by a restart before its secrets were provisioned; secrets are never stored, so claim again.");
        }

        var files = command.Secrets.Select(s => new ContainerFile(s.Key, Encoding.UTF8.GetBytes(s.Value), SecretMode)).ToList();
        return provision.RunAsync(containerId, spec.VolumeFor(VolumeRole.Secrets)!.Target, files, spec.Security, cancellationToken);
    }
}
