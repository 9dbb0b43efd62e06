using System.Collections.Concurrent;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// Short-lived helper containers, created and never started, that mount a container's read-only
/// volume writable so Docker's archive API can write into it. They are removed after the copy, off
/// the caller's path; removing their owner waits for that, because a helper holds the owner's volume.
/// Leftovers (a crash mid-copy) carry <see cref="ContainerLabels.Helper"/> for the orphan reaper.
/// </summary>
internal sealed class ArchiveHelpers(EngineConnection engine)
{
    private static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (string Owner, Task Removal)> removals = new(StringComparer.Ordinal);

    /// <param name="readOnlyRoot">True mounts nothing writable but the volume: a link inside it cannot lead a copy anywhere that matters.</param>
    public async Task<string> CreateAsync(ContainerInspectResponse owner, MountPoint volume, CancellationToken cancellationToken, bool readOnlyRoot = false)
    {
        var ownerName = OwnerName(owner);
        var parameters = new CreateContainerParameters
        {
            Name = $"{ownerName}-put-{Guid.NewGuid():N}"[..Math.Min(ownerName.Length + 13, 128)],
            Image = owner.Image,
            Labels = new Dictionary<string, string> { [ContainerLabels.Helper] = "archive", [ContainerLabels.Container] = ownerName },
            NetworkDisabled = true,
            HostConfig = new HostConfig
            {
                NetworkMode = "none",
                ReadonlyRootfs = readOnlyRoot,
                Mounts = [new Mount { Type = "volume", Source = volume.Name, Target = volume.Destination, ReadOnly = false }],
            },
        };
        try
        {
            var created = await engine.Call.RunAsync("create an archive helper", t => engine.Client.Containers.CreateContainerAsync(parameters, t), cancellationToken).ConfigureAwait(false);
            return created.ID;
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed($"create a helper to write volume {volume.Name}", ownerName, e);
        }
    }

    /// <summary>Starts removing the helper in the background; <see cref="RemovedAsync"/> waits for it.</summary>
    public void RemoveLater(string helperId, ContainerInspectResponse owner) =>
        removals[helperId] = (owner.Name?.TrimStart('/') ?? owner.ID, RemoveInBackgroundAsync(helperId));

    /// <summary>Waits for the removal of the helpers of the container of that name.</summary>
    public Task RemovedAsync(string ownerName) =>
        Task.WhenAll(removals.Values.Where(h => h.Owner == ownerName).Select(h => h.Removal));

    /// <summary>Gives removals under way a moment to finish; any left are swept by the orphan reaper.</summary>
    public void WaitForAllBriefly() =>
        Task.WhenAll(removals.Values.Select(h => h.Removal)).Wait(DisposeGrace);

    private static string OwnerName(ContainerInspectResponse owner) => owner.Name?.TrimStart('/') ?? ContainerIds.Short(owner.ID);

    private async Task RemoveInBackgroundAsync(string helperId)
    {
        await Task.Yield();
        try
        {
            // Not the caller's token: a cancelled put must still clean up its helper.
            await engine.Call.RunAsync(
                "remove an archive helper",
                t => engine.Client.Containers.RemoveContainerAsync(helperId, new ContainerRemoveParameters { Force = true }, t),
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DockerApiException or BoilerhouseException)
        {
            DockerLog.HelperNotRemoved(engine.Logger, helperId, e.Message);
        }

        removals.TryRemove(helperId, out _);
    }
}
