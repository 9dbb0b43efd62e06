using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Hosts;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>
/// Writes files into a role volume of a container, owned by the container's user so it can read
/// them and nobody else can. Works on remote hosts too: it writes through the runtime of the
/// container's host (straight into the volume's folder when that host is this machine).
/// </summary>
public sealed class RoleVolumeWriter(ContainerLocator locator)
{
    public async Task WriteAsync(string containerId, string directory, IReadOnlyList<ContainerFile> files, SecuritySpec security, CancellationToken cancellationToken)
    {
        var (uid, gid) = ContainerUser.Parse(security.User);
        var runtime = await locator.RuntimeForAsync(containerId, cancellationToken);
        // Off the grain's turn: the Docker client does part of its work synchronously, and the
        // claim writes config and secrets at the same time.
        await Task.Run(() => runtime.WriteFilesAsync(containerId, directory, files, uid, gid, cancellationToken), cancellationToken);
    }
}
