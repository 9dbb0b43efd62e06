using System.Net;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// Creating, starting, pausing, inspecting and listing containers. Each call is safe to repeat: a
/// re-run create finds the container it made, starting a running one or pausing a paused one is fine.
/// </summary>
internal sealed class ContainerLifecycle(EngineConnection engine, ContainerVolumes volumes, PoolNetworks networks)
{
    public async Task<string> CreateAsync(ContainerRequest request, CancellationToken cancellationToken)
    {
        if (request.Network is not { } network)
        {
            return await CreateContainerAsync(request, cancellationToken).ConfigureAwait(false);
        }

        await networks.EnsureAsync(network, cancellationToken).ConfigureAwait(false);
        try
        {
            return await CreateContainerAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (MissingNetworkException)
        {
            // Removed behind our back (reaped, or by an operator): make it again, once.
            networks.Forget(network.Name);
            await networks.EnsureAsync(network, cancellationToken).ConfigureAwait(false);
            return await CreateContainerAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> CreateContainerAsync(ContainerRequest request, CancellationToken cancellationToken)
    {
        var roleVolumes = ContainerSpecMapper.VolumesFor(request);
        foreach (var volume in roleVolumes)
        {
            await volumes.CreateAsync(request, volume, cancellationToken).ConfigureAwait(false);
        }

        var parameters = ContainerSpecMapper.ToCreateParameters(request, roleVolumes, engine.Endpoint.AdvertiseAddress);
        try
        {
            var created = await engine.Call.RunAsync(
                "create a container",
                t => engine.Client.Containers.CreateContainerAsync(parameters, t),
                cancellationToken).ConfigureAwait(false);
            DockerLog.ContainerCreated(engine.Logger, created.ID, request.Name, request.Workload.Image, engine.Endpoint.ToString());
            foreach (var warning in created.Warnings ?? [])
            {
                DockerLog.CreateWarning(engine.Logger, created.ID, warning);
            }

            return created.ID;
        }
        catch (DockerImageNotFoundException e) when (request.Network is { } network && DockerErrors.MessageOf(e).Contains(network.Name, StringComparison.Ordinal))
        {
            // Docker.DotNet reports every 404 of a create as a missing image; this one is the network.
            throw new MissingNetworkException(e);
        }
        catch (DockerImageNotFoundException e)
        {
            throw new BoilerhouseException(
                ErrorCodes.ContainerFailed,
                $"Image {request.Workload.Image} is not on the Docker host at {engine.Endpoint}; Boilerhouse does not pull images, so build or load it there first.",
                e);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // A re-run create (after a crash or retry) finds the container it made before.
            var existing = await engine.InspectAsync(request.Name, cancellationToken).ConfigureAwait(false)
                ?? throw DockerErrors.ContainerFailed("create", request.Name, e);
            DockerLog.ContainerReused(engine.Logger, existing.ID, request.Name);
            return existing.ID;
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed("create", request.Name, e);
        }
    }

    public async Task StartAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            var started = await engine.Call.RunAsync(
                "start a container",
                t => engine.Client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), t),
                cancellationToken).ConfigureAwait(false);
            if (started)
            {
                DockerLog.ContainerStarted(engine.Logger, containerId);
            }
            else
            {
                DockerLog.ContainerAlreadyRunning(engine.Logger, containerId);
            }
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed("start", containerId, e);
        }
    }

    /// <summary>Freezes every process of the container (the cgroup freezer); its volumes and files stay readable.</summary>
    public async Task PauseAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Call.RunAsync(
                "pause a container",
                t => engine.Client.Containers.PauseContainerAsync(containerId, t),
                cancellationToken).ConfigureAwait(false);
            DockerLog.ContainerPaused(engine.Logger, containerId);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict && IsAlreadyStill(DockerErrors.MessageOf(e)))
        {
            // Already paused, or not running at all: either way its code is not running, which is what a pause is for.
            DockerLog.ContainerAlreadyStill(engine.Logger, containerId, DockerErrors.MessageOf(e));
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed("pause", containerId, e);
        }
    }

    public async Task<ContainerInfo?> InspectAsync(string containerId, CancellationToken cancellationToken)
    {
        var container = await engine.InspectAsync(containerId, cancellationToken).ConfigureAwait(false);
        return container is null ? null : ContainerInfoMapper.FromInspect(container);
    }

    public async Task<IReadOnlyList<ContainerInfo>> ListAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var parameters = new ContainersListParameters { All = true, Filters = LabelFilter.Of(labels) };
        try
        {
            var containers = await engine.Call.RunAsync(
                "list containers",
                t => engine.Client.Containers.ListContainersAsync(parameters, t),
                cancellationToken).ConfigureAwait(false);
            return [.. containers.Select(ContainerInfoMapper.FromList)];
        }
        catch (DockerApiException e)
        {
            throw new BoilerhouseException(ErrorCodes.ContainerFailed, $"Docker refused to list containers: {DockerErrors.MessageOf(e)}", e);
        }
    }

    private static bool IsAlreadyStill(string message) =>
        message.Contains("already paused", StringComparison.OrdinalIgnoreCase)
        || message.Contains("is not running", StringComparison.OrdinalIgnoreCase);

    private sealed class MissingNetworkException(Exception inner) : Exception("The pool network is missing.", inner);
}
