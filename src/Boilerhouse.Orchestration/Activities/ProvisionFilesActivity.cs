using System.Formats.Tar;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Hosts;

namespace Boilerhouse.Orchestration.Activities;

/// <summary>
/// Writes files into a directory of a container (a role volume) through the archive API, owned by
/// the container's user so it can read them and nobody else can. Works on remote hosts too: it
/// writes through the runtime of the container's host.
/// </summary>
public sealed class ProvisionFilesActivity(ContainerLocator locator)
{
    public async Task RunAsync(string containerId, string directory, IReadOnlyList<ProvisionedFile> files, SecuritySpec security, CancellationToken cancellationToken)
    {
        var (uid, gid) = ContainerUser.Parse(security.User);
        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var file in files)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, file.Name)
                {
                    Uid = uid,
                    Gid = gid,
                    Mode = file.Mode,
                    ModificationTime = DateTimeOffset.UtcNow,
                    DataStream = new MemoryStream(file.Content, writable: false),
                };
                await writer.WriteEntryAsync(entry, cancellationToken);
            }
        }

        tar.Position = 0;
        var runtime = await locator.RuntimeForAsync(containerId, cancellationToken);
        // Off the grain's turn: the Docker client does part of its work synchronously, and the
        // claim writes config and secrets at the same time.
        await Task.Run(() => runtime.PutArchiveAsync(containerId, directory, tar, cancellationToken), cancellationToken);
    }
}

/// <summary>A file to place in a container; its content may be a secret, so it has no ToString.</summary>
public sealed class ProvisionedFile(string name, byte[] content, UnixFileMode mode)
{
    public string Name { get; } = name;
    public byte[] Content { get; } = content;
    public UnixFileMode Mode { get; } = mode;
}
