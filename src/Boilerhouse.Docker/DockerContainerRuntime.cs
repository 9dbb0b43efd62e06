using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Boilerhouse.Docker;

/// <summary>
/// <see cref="IContainerRuntime"/> over one Docker engine (Docker.DotNet). Every call runs under
/// <see cref="DockerEndpoint.RequestTimeout"/>; an engine that does not answer throws
/// <see cref="ContainerRuntimeUnavailableException"/> naming the endpoint.
/// </summary>
public sealed class DockerContainerRuntime : IContainerRuntime, IDisposable
{
    private static readonly TimeSpan HealthPollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan VolumeBusyRetryDelay = TimeSpan.FromMilliseconds(200);
    private const int VolumeBusyRetries = 10;

    /// <summary>Marks short-lived helper containers (never started) so a reconciler can sweep leftovers.</summary>
    public const string HelperLabel = ContainerLabels.Helper;

    private readonly DockerClient client;
    private readonly DockerCall call;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    // Helpers are removed after the put has answered, off the caller's path; removing their owner waits for them.
    private readonly ConcurrentDictionary<string, (string Owner, Task Removal)> helperRemovals = new(StringComparer.Ordinal);
    private bool? keepsUserIds;
    private int disposed;

    public DockerContainerRuntime(DockerEndpoint endpoint, ILogger<DockerContainerRuntime>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        client = DockerClientFactory.Create(endpoint, out var tls);
        call = new DockerCall(endpoint, tls);
        this.logger = logger ?? NullLogger<DockerContainerRuntime>.Instance;
        time = timeProvider ?? TimeProvider.System;
    }

    public DockerEndpoint Endpoint { get; }

    public async Task<string> CreateAsync(ContainerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var volumes = ContainerSpecMapper.VolumesFor(request);
        foreach (var volume in volumes)
        {
            await CreateVolumeAsync(request, volume, cancellationToken).ConfigureAwait(false);
        }

        var parameters = ContainerSpecMapper.ToCreateParameters(request, volumes);
        try
        {
            var created = await call.RunAsync(
                "create a container",
                t => client.Containers.CreateContainerAsync(parameters, t),
                cancellationToken).ConfigureAwait(false);
            DockerLog.ContainerCreated(logger, created.ID, request.Name, request.Workload.Image, Endpoint.ToString());
            foreach (var warning in created.Warnings ?? [])
            {
                DockerLog.CreateWarning(logger, created.ID, warning);
            }

            return created.ID;
        }
        catch (DockerImageNotFoundException e)
        {
            throw new BoilerhouseException(
                ErrorCodes.ContainerFailed,
                $"Image {request.Workload.Image} is not on the Docker host at {Endpoint}; Boilerhouse does not pull images, so build or load it there first.",
                e);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // A re-run create (after a crash or retry) finds the container it made before.
            var existing = await InspectRawAsync(request.Name, cancellationToken).ConfigureAwait(false)
                ?? throw DockerErrors.ContainerFailed("create", request.Name, e);
            DockerLog.ContainerReused(logger, existing.ID, request.Name);
            return existing.ID;
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed("create", request.Name, e);
        }
    }

    public async Task StartAsync(string containerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        try
        {
            var started = await call.RunAsync(
                "start a container",
                t => client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), t),
                cancellationToken).ConfigureAwait(false);
            if (started)
            {
                DockerLog.ContainerStarted(logger, containerId);
            }
            else
            {
                DockerLog.ContainerAlreadyRunning(logger, containerId);
            }
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed("start", containerId, e);
        }
    }

    public async Task PauseAsync(string containerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        if (await InspectRawAsync(containerId, cancellationToken).ConfigureAwait(false) is not { State: { Running: true, Paused: false } } container)
        {
            return;
        }

        try
        {
            await call.RunAsync("pause a container", t => client.Containers.PauseContainerAsync(container.ID, t), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Gone, or paused/stopped by someone else meanwhile: nothing of it runs.
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed("pause", containerId, e);
        }
    }

    public async Task<ContainerInfo?> InspectAsync(string containerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        var container = await InspectRawAsync(containerId, cancellationToken).ConfigureAwait(false);
        return container is null ? null : ContainerInfoMapper.FromInspect(container);
    }

    public async Task<ContainerInfo> WaitUntilHealthyAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        var started = time.GetTimestamp();
        while (true)
        {
            var container = await InspectRawAsync(containerId, cancellationToken).ConfigureAwait(false)
                ?? throw DockerErrors.NotFound(containerId);
            var state = container.State ?? new ContainerState();
            var health = ContainerInfoMapper.HealthOf(state.Health?.Status);

            if (state.Running && health is ContainerHealth.Healthy or ContainerHealth.None)
            {
                DockerLog.ContainerReady(logger, container.ID, health.ToString(), (long)time.GetElapsedTime(started).TotalMilliseconds);
                return ContainerInfoMapper.FromInspect(container);
            }

            // Before the health test: Docker marks a stopped container unhealthy too.
            if (state.Status is "exited" or "dead")
            {
                var reason = string.Create(CultureInfo.InvariantCulture, $"exited with code {state.ExitCode}{(state.OOMKilled ? " (killed: out of memory)" : "")}");
                throw await NotReadyAsync(container, reason, cancellationToken).ConfigureAwait(false);
            }

            if (health == ContainerHealth.Unhealthy)
            {
                throw await NotReadyAsync(container, "turned unhealthy", cancellationToken).ConfigureAwait(false);
            }

            if (time.GetElapsedTime(started) >= timeout)
            {
                var reason = string.Create(CultureInfo.InvariantCulture, $"was not healthy within {timeout.TotalSeconds:0.###} s");
                throw await NotReadyAsync(container, reason, cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(HealthPollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ExecResult> ExecAsync(string containerId, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0)
        {
            throw new ArgumentException("A command needs at least an executable.", nameof(command));
        }

        try
        {
            var exec = await call.RunAsync(
                "create an exec",
                t => client.Exec.ExecCreateContainerAsync(
                    containerId,
                    new ContainerExecCreateParameters { AttachStdout = true, AttachStderr = true, Cmd = [.. command] },
                    t),
                cancellationToken).ConfigureAwait(false);

            using var stream = await call.RunAsync(
                "start an exec",
                t => client.Exec.StartAndAttachContainerExecAsync(exec.ID, false, t),
                cancellationToken).ConfigureAwait(false);
            var (stdout, stderr) = await ReadExecOutputAsync(containerId, command[0], stream, cancellationToken).ConfigureAwait(false);

            var inspect = await call.RunAsync("inspect an exec", t => client.Exec.InspectContainerExecAsync(exec.ID, t), cancellationToken).ConfigureAwait(false);
            // The output can close a moment before the engine records the exit code.
            for (var i = 0; inspect.Running && i < 50; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken).ConfigureAwait(false);
                inspect = await call.RunAsync("inspect an exec", t => client.Exec.InspectContainerExecAsync(exec.ID, t), cancellationToken).ConfigureAwait(false);
            }

            DockerLog.ExecFinished(logger, containerId, command[0], inspect.ExitCode);
            return new ExecResult(inspect.ExitCode, stdout, stderr);
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed($"run {command[0]}", containerId, e);
        }
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
        var container = await InspectRawAsync(containerId, cancellationToken).ConfigureAwait(false)
            ?? throw DockerErrors.NotFound(containerId);
        await PutArchiveIntoAsync(container, path, tar, cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteFilesAsync(string containerId, string directory, IReadOnlyList<ContainerFile> files, int uid, int gid, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(files);
        if (files.FirstOrDefault(f => f.Name.Length == 0 || f.Name.Contains('/', StringComparison.Ordinal) || f.Name is "." or "..") is { } bad)
        {
            // Both ways below write into the volume's top folder, and nowhere else.
            throw new ArgumentException($"'{bad.Name}' is not a plain file name.", nameof(files));
        }

        var container = await InspectRawAsync(containerId, cancellationToken).ConfigureAwait(false)
            ?? throw DockerErrors.NotFound(containerId);
        if (!OperatingSystem.IsWindows() && await LocalVolumeFolderAsync(container, directory, cancellationToken).ConfigureAwait(false) is { } folder)
        {
            try
            {
                DirectVolumeWriter.Write(folder, files, uid, gid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BoilerhouseException(ErrorCodes.ContainerFailed, $"Could not write files into {directory} of container {containerId}: {e.Message}", e);
            }

            DockerLog.FilesWrittenDirectly(logger, files.Count, directory, container.ID);
            return;
        }

        var now = time.GetUtcNow();
        using var tar = TarArchive.Create(files.Select(f => new TarFileEntry(f.Name, f.Content) { Uid = uid, Gid = gid, Mode = f.Mode, ModifiedAt = now }));
        await PutArchiveIntoAsync(container, directory, tar, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The folder on this machine of the local volume mounted exactly at <paramref name="directory"/>,
    /// when files may be written there directly (see <see cref="DockerEndpoint.DirectVolumeWrites"/>).
    /// </summary>
    private async Task<string?> LocalVolumeFolderAsync(ContainerInspectResponse container, string directory, CancellationToken cancellationToken)
    {
        if (!Endpoint.DirectVolumeWrites || Endpoint.Uri.Scheme != "unix" || !Environment.IsPrivilegedProcess)
        {
            return null;
        }

        var mount = container.Mounts?.FirstOrDefault(m =>
            m.Type == "volume" && m.Driver == "local" && m.Destination.TrimEnd('/') == directory.TrimEnd('/'));
        return mount is { Source.Length: > 0 }
            && await EngineKeepsUserIdsAsync(cancellationToken).ConfigureAwait(false)
            && Directory.Exists(mount.Source)
            ? mount.Source
            : null;
    }

    /// <summary>Under a user-namespace remap a container's ids are shifted on disk, which only the engine knows how to do.</summary>
    private async Task<bool> EngineKeepsUserIdsAsync(CancellationToken cancellationToken)
    {
        if (keepsUserIds is { } known)
        {
            return known;
        }

        try
        {
            var info = await call.RunAsync("read system info", t => client.System.GetSystemInfoAsync(t), cancellationToken).ConfigureAwait(false);
            keepsUserIds = !(info.SecurityOptions ?? []).Any(o => o.Contains("name=userns", StringComparison.Ordinal));
            return keepsUserIds.Value;
        }
        catch (DockerApiException)
        {
            return false;
        }
    }

    private async Task PutArchiveIntoAsync(ContainerInspectResponse container, string path, Stream tar, CancellationToken cancellationToken)
    {
        var containerId = container.ID;
        // Checked up front: Docker refuses these only after it has stopped reading, which looks like a broken connection.
        var mount = container.Mounts?
            .Where(m => IsAtOrBelow(path, m.Destination))
            .MaxBy(m => m.Destination.TrimEnd('/').Length);
        if (container.HostConfig?.Tmpfs?.Keys.Any(t => IsAtOrBelow(path, t)) == true && mount is null)
        {
            throw new BoilerhouseException(
                ErrorCodes.ContainerFailed,
                $"Cannot copy files into {path} of container {containerId}: it is on a tmpfs, which Docker's archive API cannot see. Write into a volume instead.");
        }

        if (mount is null && container.HostConfig?.ReadonlyRootfs == true)
        {
            throw ReadOnlyRoot(path, containerId, null);
        }

        if (mount is null or { RW: true })
        {
            await ExtractAsync(container.ID, path, tar, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (mount.Type != "volume")
        {
            throw new BoilerhouseException(
                ErrorCodes.ContainerFailed,
                $"Cannot copy files into {path} of container {containerId}: it is on a read-only {mount.Type} mount.");
        }

        var helper = await CreateArchiveHelperAsync(container, mount, cancellationToken).ConfigureAwait(false);
        try
        {
            await ExtractAsync(helper, path, tar, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            var owner = container.Name?.TrimStart('/') ?? container.ID;
            helperRemovals[helper] = (owner, RemoveHelperInBackgroundAsync(helper));
        }
    }

    private async Task RemoveHelperInBackgroundAsync(string helperId)
    {
        await Task.Yield();
        await RemoveHelperAsync(helperId).ConfigureAwait(false);
        helperRemovals.TryRemove(helperId, out _);
    }

    /// <summary>Waits for the removal of the container's archive helpers: they hold its volumes.</summary>
    private Task HelpersRemovedAsync(string? containerName) =>
        containerName is null ? Task.CompletedTask
            : Task.WhenAll(helperRemovals.Values.Where(h => h.Owner == containerName).Select(h => h.Removal));

    public async Task<Stream> GetArchiveAsync(string containerId, string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            var response = await call.RunAsync(
                $"copy {path} out of a container",
                t => client.Containers.GetArchiveFromContainerAsync(containerId, new GetArchiveFromContainerParameters { Path = path }, false, t),
                cancellationToken).ConfigureAwait(false);
            return new ZeroLengthReadGuardStream(response.Stream);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound
            && DockerErrors.MessageOf(e).Contains("could not find the file", StringComparison.OrdinalIgnoreCase))
        {
            throw new BoilerhouseException(ErrorCodes.ContainerPathNotFound, $"{path} does not exist in container {containerId}.", e);
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed($"copy {path} out", containerId, e);
        }
    }

    public async Task<string> GetLogsAsync(string containerId, int tail, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        ArgumentOutOfRangeException.ThrowIfNegative(tail);
        try
        {
            return await call.RunAsync(
                "read container logs",
                async t =>
                {
                    var parameters = new ContainerLogsParameters
                    {
                        ShowStdout = true,
                        ShowStderr = true,
                        Tail = tail.ToString(CultureInfo.InvariantCulture),
                    };
                    using var stream = await client.Containers.GetContainerLogsAsync(containerId, false, parameters, t).ConfigureAwait(false);
                    return await ReadInterleavedAsync(stream, t).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed("read logs", containerId, e);
        }
    }

    public async Task RemoveAsync(string containerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerId);
        var container = await InspectRawAsync(containerId, cancellationToken).ConfigureAwait(false);
        // Volumes are found by the container's name; a name (not an id) also cleans up after a half-done remove.
        var name = container?.Name?.TrimStart('/') ?? (LooksLikeId(containerId) ? null : containerId);
        if (container is not null)
        {
            try
            {
                await call.RunAsync(
                    "remove a container",
                    t => client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, t),
                    cancellationToken).ConfigureAwait(false);
                DockerLog.ContainerRemoved(logger, container.ID, name ?? "");
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                // Removed by someone else meanwhile: the outcome we wanted.
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict
                && DockerErrors.MessageOf(e).Contains("already in progress", StringComparison.OrdinalIgnoreCase))
            {
                await WaitUntilGoneAsync(container.ID, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e)
            {
                throw DockerErrors.ContainerFailed("remove", containerId, e);
            }
        }

        if (name is not null)
        {
            await HelpersRemovedAsync(name).ConfigureAwait(false);
            await RemoveVolumesAsync(name, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<ContainerInfo>> ListAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var parameters = new ContainersListParameters { All = true, Filters = LabelFilter(labels) };
        try
        {
            var containers = await call.RunAsync(
                "list containers",
                t => client.Containers.ListContainersAsync(parameters, t),
                cancellationToken).ConfigureAwait(false);
            return [.. containers.Select(ContainerInfoMapper.FromList)];
        }
        catch (DockerApiException e)
        {
            throw new BoilerhouseException(ErrorCodes.ContainerFailed, $"Docker refused to list containers: {DockerErrors.MessageOf(e)}", e);
        }
    }

    public async Task<IReadOnlyList<VolumeOwner>> ListVolumeOwnersAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var listed = await call.RunAsync(
            "list volumes",
            t => client.Volumes.ListAsync(new VolumesListParameters { Filters = LabelFilter(labels) }, t),
            cancellationToken).ConfigureAwait(false);
        return [.. (listed.Volumes ?? [])
            .Where(v => v.Labels?.ContainsKey(ContainerLabels.Container) == true)
            .GroupBy(v => v.Labels[ContainerLabels.Container])
            .Select(g => new VolumeOwner(g.Key, g.Min(v => DateTimeOffset.TryParse(v.CreatedAt, CultureInfo.InvariantCulture, out var at) ? at : DateTimeOffset.MinValue)))];
    }

    public void Dispose()
    {
        // Idempotent: a host's runtime may be owned by the host list and handed out through DI as well.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        // Give helper removals under way a moment to finish; any left are swept by the orphan reaper.
        Task.WhenAll(helperRemovals.Values.Select(h => h.Removal)).Wait(TimeSpan.FromSeconds(10));
        var configuration = client.Configuration;
        client.Dispose();
        configuration.Dispose();
    }

    internal static Dictionary<string, IDictionary<string, bool>> LabelFilter(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0
            ? []
            : new() { ["label"] = labels.ToDictionary(l => $"{l.Key}={l.Value}", _ => true) };

    private async Task CreateVolumeAsync(ContainerRequest request, ContainerVolume volume, CancellationToken cancellationToken)
    {
        var parameters = new VolumesCreateParameters
        {
            Name = volume.Name,
            Labels = ContainerSpecMapper.VolumeLabels(request, volume),
        };
        try
        {
            // Creating an existing volume answers with that volume, so a re-run create is harmless.
            await call.RunAsync($"create volume {volume.Name}", t => client.Volumes.CreateAsync(parameters, t), cancellationToken).ConfigureAwait(false);
            DockerLog.VolumeCreated(logger, volume.Name, request.Name);
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed($"create volume {volume.Name}", request.Name, e);
        }
    }

    private async Task RemoveVolumesAsync(string containerName, CancellationToken cancellationToken)
    {
        var filter = LabelFilter(new Dictionary<string, string> { [ContainerLabels.Container] = containerName });
        var listed = await call.RunAsync(
            "list volumes",
            t => client.Volumes.ListAsync(new VolumesListParameters { Filters = filter }, t),
            cancellationToken).ConfigureAwait(false);
        foreach (var volume in listed.Volumes ?? [])
        {
            await RemoveVolumeAsync(volume.Name, containerName, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RemoveVolumeAsync(string volumeName, string containerName, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call.RunAsync($"remove volume {volumeName}", t => client.Volumes.RemoveAsync(volumeName, false, t), cancellationToken).ConfigureAwait(false);
                DockerLog.VolumeRemoved(logger, volumeName, containerName);
                return;
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict && attempt < VolumeBusyRetries)
            {
                // The engine can report a volume in use for a moment after its container is gone.
                await Task.Delay(VolumeBusyRetryDelay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e)
            {
                throw DockerErrors.ContainerFailed($"remove volume {volumeName}", containerName, e);
            }
        }
    }

    private async Task WaitUntilGoneAsync(string containerId, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (await InspectRawAsync(containerId, cancellationToken).ConfigureAwait(false) is not null)
        {
            if (time.GetElapsedTime(started) >= Endpoint.RequestTimeout)
            {
                throw new BoilerhouseException(ErrorCodes.ContainerFailed, $"Container {containerId} was still being removed after {Endpoint.RequestTimeout.TotalSeconds} s.");
            }

            await Task.Delay(HealthPollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ExtractAsync(string containerId, string path, Stream tar, CancellationToken cancellationToken)
    {
        try
        {
            await call.RunAsync(
                $"copy an archive into {path}",
                t => client.Containers.ExtractArchiveToContainerAsync(containerId, new ContainerPathStatParameters { Path = path }, tar, t),
                cancellationToken,
                Endpoint.TransferTimeout).ConfigureAwait(false);
            DockerLog.ArchivePut(logger, containerId, path);
        }
        catch (DockerApiException e) when (DockerErrors.MessageOf(e).Contains("rootfs is marked read-only", StringComparison.OrdinalIgnoreCase))
        {
            throw ReadOnlyRoot(path, containerId, e);
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed($"copy files into {path}", containerId, e);
        }
    }

    private static BoilerhouseException ReadOnlyRoot(string path, string containerId, Exception? inner) =>
        new(
            ErrorCodes.ContainerFailed,
            $"Cannot copy files into {path} of container {containerId}: it is on the read-only root filesystem. Archives can only be written into a volume (a role volume such as config or secrets).",
            inner);

    private async Task<string> CreateArchiveHelperAsync(ContainerInspectResponse container, MountPoint volume, CancellationToken cancellationToken)
    {
        var owner = container.Name?.TrimStart('/') ?? ShortId(container.ID);
        var parameters = new CreateContainerParameters
        {
            Name = $"{owner}-put-{Guid.NewGuid():N}"[..Math.Min(owner.Length + 13, 128)],
            Image = container.Image,
            Labels = new Dictionary<string, string> { [HelperLabel] = "archive", [ContainerLabels.Container] = owner },
            NetworkDisabled = true,
            HostConfig = new HostConfig
            {
                NetworkMode = "none",
                Mounts = [new Mount { Type = "volume", Source = volume.Name, Target = volume.Destination, ReadOnly = false }],
            },
        };
        try
        {
            var created = await call.RunAsync("create an archive helper", t => client.Containers.CreateContainerAsync(parameters, t), cancellationToken).ConfigureAwait(false);
            return created.ID;
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed($"create a helper to write volume {volume.Name}", owner, e);
        }
    }

    private async Task RemoveHelperAsync(string helperId)
    {
        try
        {
            // Not the caller's token: a cancelled put must still clean up its helper.
            await call.RunAsync(
                "remove an archive helper",
                t => client.Containers.RemoveContainerAsync(helperId, new ContainerRemoveParameters { Force = true }, t),
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DockerApiException or BoilerhouseException)
        {
            DockerLog.HelperNotRemoved(logger, helperId, e.Message);
        }
    }

    private static bool IsAtOrBelow(string path, string? directory)
    {
        if (string.IsNullOrEmpty(directory))
        {
            return false;
        }

        var p = path.TrimEnd('/');
        var d = directory.TrimEnd('/');
        return p == d || p.StartsWith(d + "/", StringComparison.Ordinal);
    }

    private async Task<ContainerInspectResponse?> InspectRawAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            return await call.RunAsync(
                "inspect a container",
                t => client.Containers.InspectContainerAsync(containerId, t),
                cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed("inspect", containerId, e);
        }
    }

    private async Task<(string Stdout, string Stderr)> ReadExecOutputAsync(
        string containerId, string executable, MultiplexedStream stream, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Endpoint.ExecTimeout);
        try
        {
            return await stream.ReadOutputToEndAsync(deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BoilerhouseException(
                ErrorCodes.ContainerFailed,
                $"{executable} in container {containerId} did not finish within {Endpoint.ExecTimeout.TotalSeconds} s.",
                e);
        }
        catch (IOException e)
        {
            throw call.Unavailable($"read the output of {executable}", e.Message, e);
        }
    }

    private async Task<BoilerhouseException> NotReadyAsync(ContainerInspectResponse container, string reason, CancellationToken cancellationToken)
    {
        var state = container.State ?? new ContainerState();
        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Container {container.Name?.TrimStart('/')} ({ShortId(container.ID)}) {reason}; ")
            .Append(CultureInfo.InvariantCulture, $"state {state.Status}, health {state.Health?.Status ?? "none"}");
        if (state.Health?.Log is { Count: > 0 } log)
        {
            var last = log[^1];
            message.Append(CultureInfo.InvariantCulture, $"; last health check exited {last.ExitCode}: {Trim(last.Output)}");
        }

        if (state.Status is "exited" or "dead")
        {
            try
            {
                var logs = await GetLogsAsync(container.ID, 10, cancellationToken).ConfigureAwait(false);
                message.Append(CultureInfo.InvariantCulture, $"; last log lines: {Trim(logs)}");
            }
            catch (BoilerhouseException)
            {
                // The logs only enrich the message.
            }
        }

        var text = message.Append('.').ToString();
        DockerLog.ContainerNotReady(logger, container.ID, text);
        return new BoilerhouseException(ErrorCodes.ContainerUnhealthy, text);
    }

    private static async Task<string> ReadInterleavedAsync(MultiplexedStream stream, CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            if (read.EOF)
            {
                return Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
            }

            output.Write(buffer, 0, read.Count);
        }
    }

    private static string Trim(string? text)
    {
        const int max = 1000;
        var trimmed = (text ?? "").Trim();
        return trimmed.Length <= max ? trimmed : "..." + trimmed[^max..];
    }

    private static string ShortId(string id) => id.Length > 12 ? id[..12] : id;

    private static bool LooksLikeId(string value) =>
        value.Length >= 12 && value.All(char.IsAsciiHexDigitLower);
}
