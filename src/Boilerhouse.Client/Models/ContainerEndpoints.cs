namespace Boilerhouse.Client.Models;

/// <summary>How to reach a container.</summary>
/// <param name="IpAddress">Its address on its Docker network, if it has one.</param>
/// <param name="Ports">Its published ports.</param>
public sealed record ContainerEndpoints(string? IpAddress, IReadOnlyList<PublishedPort> Ports);

/// <summary>A container port published on its Docker host.</summary>
/// <param name="ContainerPort">The port inside the container.</param>
/// <param name="Protocol"><c>tcp</c> or <c>udp</c>.</param>
/// <param name="HostIp">The host address it is published on.</param>
/// <param name="HostPort">The port on the host.</param>
public sealed record PublishedPort(int ContainerPort, string Protocol, string HostIp, int HostPort);
