using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// What every part of the runtime shares: one engine's client, the guard every call runs under
/// (<see cref="DockerCall"/>), the log and the clock; and the one inspect call they all need.
/// </summary>
internal sealed class EngineConnection : IDisposable
{
    private readonly DockerClient client;
    private readonly DockerCall call;

    public EngineConnection(DockerEndpoint endpoint, ILogger logger, TimeProvider time)
    {
        Endpoint = endpoint;
        Logger = logger;
        Time = time;
        client = DockerClientFactory.Create(endpoint, out var tls);
        call = new DockerCall(endpoint, tls);
    }

    public DockerEndpoint Endpoint { get; }

    public DockerClient Client => client;

    public DockerCall Call => call;

    public ILogger Logger { get; }

    public TimeProvider Time { get; }

    /// <summary>The engine's full view of a container (by id or name), or null when it does not exist.</summary>
    public async Task<ContainerInspectResponse?> InspectAsync(string containerId, CancellationToken cancellationToken)
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

    /// <summary>As <see cref="InspectAsync"/>, but a missing container is CONTAINER_NOT_FOUND.</summary>
    public async Task<ContainerInspectResponse> InspectExistingAsync(string containerId, CancellationToken cancellationToken) =>
        await InspectAsync(containerId, cancellationToken).ConfigureAwait(false) ?? throw DockerErrors.NotFound(containerId);

    public void Dispose()
    {
        var configuration = client.Configuration;
        client.Dispose();
        configuration.Dispose();
    }
}
