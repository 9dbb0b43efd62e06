using System.Text;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;
using Boilerhouse.Orchestration.Tenants;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// Claim: take a warm container, provision config and secrets into its role volumes, record the
/// assignment. Any failure after the take destroys the container (nothing half-claimed) and the
/// pool refills.
/// </summary>
public sealed class ClaimOrchestration(
    WorkloadCatalog workloads,
    TakeWarmContainerActivity take,
    ProvisionFilesActivity provision,
    AssignmentActivity assignments,
    DestroyContainerActivity destroy,
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

        var taken = await context.CallActivityAsync(nameof(TakeWarmContainerActivity),
            ct => take.RunAsync(command.PoolId, command.TenantId, ct), cancellationToken);
        var containerName = taken.ContainerName!;
        var containerId = taken.ContainerId!;
        try
        {
            if (command.ConfigJson is not null)
            {
                var directory = ConfigDirectory(spec);
                var file = new ProvisionedFile(ConfigFileName, Encoding.UTF8.GetBytes(command.ConfigJson), ConfigMode);
                await context.CallActivityAsync("ProvisionConfig",
                    ct => provision.RunAsync(containerId, directory, [file], spec.Security, ct), cancellationToken);
            }

            if (command.Secrets.Count > 0)
            {
                var directory = spec.VolumeFor(VolumeRole.Secrets)!.Target;
                var files = command.Secrets.Select(s => new ProvisionedFile(s.Key, Encoding.UTF8.GetBytes(s.Value), SecretMode)).ToList();
                await context.CallActivityAsync("ProvisionSecrets",
                    ct => provision.RunAsync(containerId, directory, files, spec.Security, ct), cancellationToken);
            }

            var now = time.GetUtcNow();
            var endpoints = taken.Endpoints ?? Core.Containers.ContainerEndpoints.None;
            await context.CallActivityAsync("RecordAssignment", ct => assignments.SaveAsync(new TenantRecord
            {
                TenantId = command.TenantId,
                PoolId = command.PoolId,
                ContainerName = containerName,
                ContainerId = containerId,
                Status = TenantStatus.Claimed,
                EndpointsJson = PoolEndpoints.Format(endpoints),
                ClaimedAt = now,
                LastActivityAt = now,
                LastInstanceId = context.InstanceId,
            }, ct), cancellationToken);

            return new ClaimResult(command.TenantId, command.PoolId, containerId, containerName, endpoints, now);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Claim {InstanceId} of tenant {TenantId} failed after taking {ContainerName}; destroying it",
                context.InstanceId, command.TenantId, containerName);
            await context.CallActivityAsync("CompensateDestroyContainer",
                ct => destroy.RunAsync(command.PoolId, containerName, ct), CancellationToken.None);
            throw ex is BoilerhouseException ? ex : new BoilerhouseException(ErrorCodes.ProvisioningFailed, ex.Message, ex);
        }
    }

    /// <summary>Config goes to the config volume, else beside the secrets; the API refuses config when neither exists.</summary>
    public static string ConfigDirectory(WorkloadSpec spec) =>
        (spec.VolumeFor(VolumeRole.Config) ?? spec.VolumeFor(VolumeRole.Secrets))?.Target
        ?? throw new BoilerhouseException(ErrorCodes.InvalidConfig, $"Workload '{spec.Id}' has no config or secrets volume to receive config.");
}
