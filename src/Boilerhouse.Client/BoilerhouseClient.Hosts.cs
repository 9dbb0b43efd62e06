using Boilerhouse.Client.Models;

namespace Boilerhouse.Client;

public sealed partial class BoilerhouseClient
{
    /// <summary>Every Docker host: health, flags, engine facts, capacity.</summary>
    public Task<IReadOnlyList<DockerHost>> GetHostsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<DockerHost>>("api/v1/hosts", cancellationToken);

    /// <summary>One Docker host with its containers.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>HOST_NOT_FOUND</c>.</exception>
    public Task<DockerHost> GetHostAsync(string hostId, CancellationToken cancellationToken = default) =>
        GetAsync<DockerHost>($"api/v1/hosts/{Segment(hostId)}", cancellationToken);

    /// <summary>Stops placing new containers on a host.</summary>
    public Task<DockerHost> CordonHostAsync(string hostId, CancellationToken cancellationToken = default) => HostActionAsync(hostId, "cordon", cancellationToken);

    /// <summary>Places containers on a host again.</summary>
    public Task<DockerHost> UncordonHostAsync(string hostId, CancellationToken cancellationToken = default) => HostActionAsync(hostId, "uncordon", cancellationToken);

    /// <summary>Stops placing on a host and moves its warm containers elsewhere; claimed ones stay until released.</summary>
    public Task<DockerHost> DrainHostAsync(string hostId, CancellationToken cancellationToken = default) => HostActionAsync(hostId, "drain", cancellationToken);

    // Setting a flag twice is the same as once: these are safe to repeat.
    private Task<DockerHost> HostActionAsync(string hostId, string action, CancellationToken cancellationToken) =>
        SendJsonAsync<DockerHost>(HttpMethod.Post, $"api/v1/hosts/{Segment(hostId)}/{action}", null, repeatable: true, cancellationToken);
}
