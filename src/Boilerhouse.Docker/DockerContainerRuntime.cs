using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Shell;
using Boilerhouse.Docker.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Boilerhouse.Docker;

/// <summary>
/// <see cref="IContainerRuntime"/> over one Docker engine (Docker.DotNet). Every call runs under
/// <see cref="DockerEndpoint.RequestTimeout"/>; an engine that does not answer throws
/// <see cref="ContainerRuntimeUnavailableException"/> naming the endpoint. The work is done by the
/// parts in <c>Runtime/</c>: this class checks arguments and hands each call to its part.
/// </summary>
public sealed class DockerContainerRuntime : IContainerRuntime, IContainerShell, ILocalFolders, IDisposable
{
    /// <summary>Marks short-lived helper containers (never started) so a reconciler can sweep leftovers.</summary>
    public const string HelperLabel = ContainerLabels.Helper;

    private readonly EngineConnection engine;
    private readonly ContainerLifecycle lifecycle;
    private readonly ContainerRemoval removal;
    private readonly ContainerVolumes volumes;
    private readonly HealthPoll health;
    private readonly ContainerStateSignals signals;
    private readonly ContainerExec exec;
    private readonly ContainerLogs logs;
    private readonly ContainerStatsReader stats;
    private readonly ArchiveHelpers helpers;
    private readonly ContainerArchives archives;
    private readonly ContainerFileWriter files;
    private readonly LocalStateFolders stateFolders;
    private readonly ProcessKiller killer;
    private readonly ContainerCommands commands;
    private readonly VolumeFiles volumeFiles;
    private readonly PoolNetworks networks;
    private int disposed;

    public DockerContainerRuntime(DockerEndpoint endpoint, ILogger<DockerContainerRuntime>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        engine = new EngineConnection(endpoint, logger ?? NullLogger<DockerContainerRuntime>.Instance, timeProvider ?? TimeProvider.System);
        volumes = new ContainerVolumes(engine);
        networks = new PoolNetworks(engine);
        lifecycle = new ContainerLifecycle(engine, volumes, networks);
        helpers = new ArchiveHelpers(engine);
        removal = new ContainerRemoval(engine, volumes, helpers);
        logs = new ContainerLogs(engine);
        stats = new ContainerStatsReader(engine);
        signals = new ContainerStateSignals(engine);
        health = new HealthPoll(engine, logs, signals);
        exec = new ContainerExec(engine);
        archives = new ContainerArchives(engine, helpers);
        var localFolders = new LocalVolumeFolders(engine);
        files = new ContainerFileWriter(engine, localFolders, archives);
        stateFolders = new LocalStateFolders(engine, localFolders);
        killer = new ProcessKiller(engine);
        commands = new ContainerCommands(engine, killer);
        volumeFiles = new VolumeFiles(engine, helpers);
        if (endpoint.Insecurity is { } insecurity)
        {
            // Only reached when an operator allowed it in writing; say so wherever the logs go.
            DockerLog.InsecureEndpoint(engine.Logger, endpoint.ToString(), insecurity);
        }
    }

    public DockerEndpoint Endpoint => engine.Endpoint;

    public Task<string> CreateAsync(ContainerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return lifecycle.CreateAsync(request, cancellationToken);
    }

    public Task StartAsync(string containerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        return lifecycle.StartAsync(containerId, cancellationToken);
    }

    public Task PauseAsync(string containerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        return lifecycle.PauseAsync(containerId, cancellationToken);
    }

    public Task<ContainerInfo?> InspectAsync(string containerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        return lifecycle.InspectAsync(containerId, cancellationToken);
    }

    public Task<ContainerInfo> WaitUntilHealthyAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        return health.WaitUntilHealthyAsync(containerId, timeout, cancellationToken);
    }

    public Task<ExecResult> ExecAsync(string containerId, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0)
        {
            throw new ArgumentException("A command needs at least an executable.", nameof(command));
        }

        return exec.RunAsync(containerId, command, cancellationToken);
    }

    /// <remarks>
    /// Docker refuses archives aimed at read-only volumes (a secrets volume usually is). Those are written
    /// through a helper container that is created, never started, with the same volume mounted writable.
    /// </remarks>
    public async Task PutArchiveAsync(string containerId, string path, Stream tar, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tar);
        var container = await engine.InspectExistingAsync(containerId, cancellationToken).ConfigureAwait(false);
        await archives.PutAsync(container, path, tar, cancellationToken).ConfigureAwait(false);
    }

    public Task WriteFilesAsync(string containerId, string directory, IReadOnlyList<ContainerFile> files, int uid, int gid, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(files);
        return this.files.WriteAsync(containerId, directory, files, uid, gid, cancellationToken);
    }

    public Task<Stream> GetArchiveAsync(string containerId, string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return archives.GetAsync(containerId, path, cancellationToken);
    }

    public Task<ILocalFolder?> OpenLocalFolderAsync(string containerId, string volumeTarget, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        ArgumentException.ThrowIfNullOrEmpty(volumeTarget);
        return stateFolders.OpenAsync(containerId, volumeTarget, cancellationToken);
    }

    public Task<string> GetLogsAsync(string containerId, int tail, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        ArgumentOutOfRangeException.ThrowIfNegative(tail);
        return logs.TailAsync(containerId, tail, cancellationToken);
    }

    public Task<IAsyncEnumerable<ContainerLogLine>> FollowLogsAsync(string containerId, int tail, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        ArgumentOutOfRangeException.ThrowIfNegative(tail);
        return logs.FollowAsync(containerId, tail, cancellationToken);
    }

    public Task<ContainerStats?> StatsAsync(string containerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        return stats.ReadAsync(containerId, cancellationToken);
    }

    public Task RemoveAsync(string containerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        return removal.RemoveAsync(containerId, cancellationToken);
    }

    public Task<IReadOnlyList<ContainerInfo>> ListAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return lifecycle.ListAsync(labels, cancellationToken);
    }

    public Task<IReadOnlyList<VolumeOwner>> ListVolumeOwnersAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return volumes.ListOwnersAsync(labels, cancellationToken);
    }

    public Task<CommandResult> RunAsync(string containerId, CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Command.Count == 0)
        {
            throw new ArgumentException("A command needs at least an executable.", nameof(request));
        }

        return commands.RunAsync(containerId, request, cancellationToken);
    }

    public async Task<ITerminalSession> OpenTerminalAsync(string containerId, TerminalRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        ArgumentNullException.ThrowIfNull(request);
        var marker = Guid.NewGuid().ToString("N");
        var execId = await commands.CreateAsync(containerId, request.Command, request.Environment, null, marker, tty: true, cancellationToken).ConfigureAwait(false);
        var stream = await commands.StartAsync(containerId, execId, tty: true, cancellationToken).ConfigureAwait(false);
        var session = new DockerTerminalSession(engine, commands, killer, containerId, execId, marker, stream);
        try
        {
            await session.ResizeAsync(request.Columns, request.Rows, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await session.KillAsync(CancellationToken.None).ConfigureAwait(false);
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return session;
    }

    public Task<VolumeEntry?> StatAsync(string containerId, string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return volumeFiles.StatAsync(containerId, path, cancellationToken);
    }

    public Task<VolumeArchive> ReadVolumeAsync(string containerId, string volumeTarget, string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return volumeFiles.ReadAsync(containerId, volumeTarget, path, cancellationToken);
    }

    public Task WriteVolumeAsync(string containerId, string volumeTarget, string directory, Stream tar, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(tar);
        return volumeFiles.WriteAsync(containerId, volumeTarget, directory, tar, cancellationToken);
    }

    public Task<IReadOnlyList<NetworkInfo>> ListNetworksAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return networks.ListAsync(labels, cancellationToken);
    }

    public Task<bool> RemoveNetworkAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return networks.RemoveAsync(name, cancellationToken);
    }

    public void Dispose()
    {
        // Idempotent: a host's runtime may be owned by the host list and handed out through DI as well.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        helpers.WaitForAllBriefly();
        signals.Dispose();
        engine.Dispose();
    }
}
