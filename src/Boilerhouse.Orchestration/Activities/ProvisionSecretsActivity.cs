using System.Text;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>
/// Claim step: writes each secret as a file into the secrets volume, readable by the container's
/// user only. Secrets are never stored, so a claim resumed after a restart cannot provision them.
/// </summary>
public sealed class ProvisionSecretsActivity(RoleVolumeWriter writer) : Activity<SecretsProvisioning, bool>
{
    public const UnixFileMode SecretMode = UnixFileMode.UserRead;

    public override string Name => "ProvisionSecrets";

    public override async Task<bool> RunAsync(SecretsProvisioning input, CancellationToken cancellationToken)
    {
        if (input.Command.SecretsUnavailable)
        {
            throw new BoilerhouseException(OrchestrationErrorCodes.ClaimInterrupted,
                "The claim was interrupted by a restart before its secrets were provisioned; secrets are never stored, so claim again.");
        }

        var files = input.Command.Secrets.Select(s => new ContainerFile(s.Key, Encoding.UTF8.GetBytes(s.Value), SecretMode)).ToList();
        await writer.WriteAsync(input.ContainerId, input.Spec.VolumeFor(VolumeRole.Secrets)!.Target, files, input.Spec.Security, cancellationToken);
        return true;
    }
}

public sealed record SecretsProvisioning(string ContainerId, WorkloadSpec Spec, ClaimCommand Command);
