namespace Boilerhouse.Core.Containers;

/// <summary>
/// The operations Boilerhouse needs from a container engine. Every call is idempotent where the
/// engine allows it (removing a missing container succeeds) so activities can be re-run after a crash.
/// An unreachable engine throws <see cref="ContainerRuntimeUnavailableException"/>.
/// </summary>
public interface IContainerRuntime
{
    /// <summary>
    /// Creates (but does not start) a container and its role volumes; returns the container id. A request
    /// with a <see cref="ContainerRequest.Network"/> first makes that pool network on this engine, once:
    /// the engine's runtime remembers it, so later creates of the pool make no call for it.
    /// </summary>
    Task<string> CreateAsync(ContainerRequest request, CancellationToken cancellationToken);

    Task StartAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>
    /// Freezes every process of the container (Docker pause) so its code stops running while its
    /// volumes stay readable, e.g. for a release still waiting on its save. A container that is
    /// already paused, or not running at all, is fine; a missing one is CONTAINER_NOT_FOUND.
    /// <see cref="RemoveAsync"/> removes a paused container like any other.
    /// </summary>
    Task PauseAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Current state, or null when the container no longer exists.</summary>
    Task<ContainerInfo?> InspectAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>
    /// Waits until Docker reports the container healthy (or running, when it has no health check).
    /// Throws CONTAINER_UNHEALTHY when it turns unhealthy, exits, or the timeout passes.
    /// </summary>
    Task<ContainerInfo> WaitUntilHealthyAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Runs a command in the container and collects its output and exit code.</summary>
    Task<ExecResult> ExecAsync(string containerId, IReadOnlyList<string> command, CancellationToken cancellationToken);

    /// <summary>Extracts a tar stream into <paramref name="path"/> (a directory) inside the container.</summary>
    Task PutArchiveAsync(string containerId, string path, Stream tar, CancellationToken cancellationToken);

    /// <summary>
    /// Writes flat files into <paramref name="directory"/> (a volume of the container, possibly
    /// read-only to it), owned by <paramref name="uid"/>:<paramref name="gid"/>, each replacing any
    /// entry of its name, never following a link the container planted there.
    /// </summary>
    Task WriteFilesAsync(string containerId, string directory, IReadOnlyList<ContainerFile> files, int uid, int gid, CancellationToken cancellationToken);

    /// <summary>A tar stream of <paramref name="path"/> inside the container; the caller disposes it. CONTAINER_PATH_NOT_FOUND when the path does not exist.</summary>
    Task<Stream> GetArchiveAsync(string containerId, string path, CancellationToken cancellationToken);

    /// <summary>The last <paramref name="tail"/> lines of stdout and stderr.</summary>
    Task<string> GetLogsAsync(string containerId, int tail, CancellationToken cancellationToken);

    /// <summary>
    /// Attaches to the container's log (CONTAINER_NOT_FOUND when it does not exist) and answers its
    /// lines: its last <paramref name="tail"/> lines, then every line written once this task has
    /// completed, until the container stops or the token is cancelled (which also frees the attachment
    /// when the lines are never read).
    /// </summary>
    Task<IAsyncEnumerable<ContainerLogLine>> FollowLogsAsync(string containerId, int tail, CancellationToken cancellationToken);

    /// <summary>
    /// One reading of the container's CPU, memory, network and block I/O counters, without waiting
    /// for a second reading; null when the container does not exist or is not running.
    /// </summary>
    Task<ContainerStats?> StatsAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Force-removes the container and the volumes Boilerhouse created for it; a missing one is fine.</summary>
    Task RemoveAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>All containers (running or not) carrying every given label.</summary>
    Task<IReadOnlyList<ContainerInfo>> ListAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    /// <summary>
    /// The containers (by name) that own volumes carrying every given label, with when their oldest
    /// volume was created: volumes whose container never got created (a crash mid-create) show up here.
    /// </summary>
    Task<IReadOnlyList<VolumeOwner>> ListVolumeOwnersAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    /// <summary>The networks carrying every given label (pool networks carry <see cref="PoolNetwork.Labels"/>).</summary>
    Task<IReadOnlyList<NetworkInfo>> ListNetworksAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    /// <summary>Removes a network and forgets it; true when it is gone (or was), false while containers still use it.</summary>
    Task<bool> RemoveNetworkAsync(string name, CancellationToken cancellationToken);
}
