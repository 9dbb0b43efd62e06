using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Shell;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Looks at every step of a path from the volume's root down, links not followed, and refuses the
/// path at the first link the container planted: nothing is ever read or written through one.
/// </summary>
public sealed record VolumeWalk(int Existing, VolumeEntry? Entry)
{
    public static async Task<VolumeWalk> WalkAsync(ShellTarget target, string volume, VolumePath path, CancellationToken cancellationToken)
    {
        var existing = 0;
        VolumeEntry? entry = null;
        foreach (var step in path.Steps(volume))
        {
            entry = await target.Shell.StatAsync(target.Container.Id, step, cancellationToken);
            if (entry is null)
            {
                return new VolumeWalk(existing, null);
            }

            if (entry.Type == VolumeEntryType.Link)
            {
                throw new BoilerhouseException(ErrorCodes.PathRefused,
                    $"Path '{path.Relative}' is refused: '{step[(volume.Length + 1)..]}' is a link (to {entry.LinkTarget}); links in the state volume are never followed.");
            }

            existing++;
            if (existing < path.Parts.Count && entry.Type != VolumeEntryType.Directory)
            {
                throw new BoilerhouseException(ErrorCodes.ContainerPathNotFound,
                    $"Path '{path.Relative}' does not exist: '{step[(volume.Length + 1)..]}' is not a folder.");
            }
        }

        return new VolumeWalk(existing, path.IsRoot ? new VolumeEntry("", VolumeEntryType.Directory, 0, default, null) : entry);
    }
}
