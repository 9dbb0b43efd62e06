using System.Text;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>Claim step: writes the claim's config as config.json into the config volume (else beside the secrets).</summary>
public sealed class ProvisionConfigActivity(RoleVolumeWriter writer) : Activity<ConfigProvisioning, bool>
{
    public const string ConfigFileName = "config.json";
    public const UnixFileMode ConfigMode = UnixFileMode.UserRead | UnixFileMode.GroupRead;

    public override string Name => "ProvisionConfig";

    public override async Task<bool> RunAsync(ConfigProvisioning input, CancellationToken cancellationToken)
    {
        var file = new ContainerFile(ConfigFileName, Encoding.UTF8.GetBytes(input.ConfigJson), ConfigMode);
        await writer.WriteAsync(input.ContainerId, ConfigDirectory(input.Spec), [file], input.Spec.Security, cancellationToken);
        return true;
    }

    /// <summary>Config goes to the config volume, else beside the secrets; the API refuses config when neither exists.</summary>
    public static string ConfigDirectory(WorkloadSpec spec) =>
        (spec.VolumeFor(VolumeRole.Config) ?? spec.VolumeFor(VolumeRole.Secrets))?.Target
        ?? throw new BoilerhouseException(ErrorCodes.InvalidConfig, $"Workload '{spec.Id}' has no config or secrets volume to receive config.");
}

public sealed record ConfigProvisioning(string ContainerId, WorkloadSpec Spec, string ConfigJson);
