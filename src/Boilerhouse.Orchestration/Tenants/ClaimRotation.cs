using System.Formats.Tar;
using System.Text;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Tenants;

/// <summary>
/// A repeated claim that sends config or secrets rotates them in the running container: the files
/// that differ from what the container holds are rewritten, each replaced whole (a reader sees the
/// old file or the new one). Only such a claim reads the container's files; a first claim and a
/// repeated claim without config or secrets never do. Secrets the claim does not name stay as they are.
/// </summary>
public sealed class ClaimRotation(WorkloadCatalog workloads, ContainerLocator locator, RoleVolumeWriter writer, ILogger<ClaimRotation> logger)
{
    public const string Config = "config";
    public const string Secrets = "secrets";

    // Config and secrets are bounded by the claim body; a file beyond this was not written by Boilerhouse.
    private const int MaxFileBytes = 1024 * 1024;

    public static bool IsWanted(ClaimCommand command) => command.ConfigJson is not null || command.Secrets.Count > 0;

    /// <summary>What was rewritten: "config", "secrets", both, or nothing when the container already held them.</summary>
    public async Task<IReadOnlyList<string>> RotateAsync(TenantRecord held, ClaimCommand command, CancellationToken cancellationToken)
    {
        var spec = workloads.GetPool(held.PoolId);
        var runtime = await locator.RuntimeForAsync(held.ContainerName, cancellationToken);
        var security = spec.Security;
        var changed = new List<string>(2);
        if (command.ConfigJson is { } config)
        {
            var directory = ProvisionConfigActivity.ConfigDirectory(spec);
            var wanted = new ContainerFile(ProvisionConfigActivity.ConfigFileName, Encoding.UTF8.GetBytes(config), ProvisionConfigActivity.ConfigMode);
            if (await ChangedAsync(runtime, held.ContainerId, directory, [wanted], cancellationToken) is { Count: > 0 } files)
            {
                await writer.WriteAsync(held.ContainerId, directory, files, security, cancellationToken);
                changed.Add(Config);
            }
        }

        if (command.Secrets.Count > 0)
        {
            var directory = spec.VolumeFor(VolumeRole.Secrets)?.Target
                ?? throw new BoilerhouseException(ErrorCodes.InvalidSecrets, $"Workload '{spec.Id}' has no volume with x-boilerhouse-role: secrets to receive secrets.");
            var wanted = command.Secrets.Select(s => new ContainerFile(s.Key, Encoding.UTF8.GetBytes(s.Value), ProvisionSecretsActivity.SecretMode)).ToList();
            if (await ChangedAsync(runtime, held.ContainerId, directory, wanted, cancellationToken) is { Count: > 0 } files)
            {
                await writer.WriteAsync(held.ContainerId, directory, files, security, cancellationToken);
                changed.Add(Secrets);
            }
        }

        logger.LogInformation("Repeated claim of tenant {TenantId} rotated {Rotated} in container {ContainerName}",
            held.TenantId, changed.Count == 0 ? "nothing" : string.Join(" and ", changed), held.ContainerName);
        return changed;
    }

    /// <summary>The files whose content differs from (or is missing in) the directory's top level in the container.</summary>
    private static async Task<List<ContainerFile>> ChangedAsync(
        IContainerRuntime runtime, string containerId, string directory, IReadOnlyList<ContainerFile> wanted, CancellationToken cancellationToken)
    {
        var current = await ReadTopLevelAsync(runtime, containerId, directory, wanted.Select(f => f.Name).ToHashSet(StringComparer.Ordinal), cancellationToken);
        return [.. wanted.Where(f => !current.TryGetValue(f.Name, out var bytes) || !bytes.AsSpan().SequenceEqual(f.Content))];
    }

    private static async Task<Dictionary<string, byte[]>> ReadTopLevelAsync(
        IContainerRuntime runtime, string containerId, string directory, HashSet<string> names, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await using var tar = await runtime.GetArchiveAsync(containerId, directory, cancellationToken);
        using var reader = new TarReader(tar);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            // Entries are "<folder>/<name>"; only regular files directly in the folder are ours.
            var parts = entry.Name.TrimEnd('/').Split('/');
            if (parts.Length != 2 || !names.Contains(parts[1]) || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                || entry.Length > MaxFileBytes || entry.DataStream is null)
            {
                continue;
            }

            using var buffer = new MemoryStream((int)entry.Length);
            await entry.DataStream.CopyToAsync(buffer, cancellationToken);
            found[parts[1]] = buffer.ToArray();
        }

        return found;
    }
}
