namespace Boilerhouse.Core.Containers;

public enum ContainerHealth
{
    /// <summary>The container has no health check.</summary>
    None,
    Starting,
    Healthy,
    Unhealthy,
}

/// <summary>What the engine says about one container.</summary>
public sealed record ContainerInfo(
    string Id,
    string Name,
    bool Running,
    ContainerHealth Health,
    int? ExitCode,
    IReadOnlyDictionary<string, string> Labels,
    ContainerEndpoints Endpoints,
    DateTimeOffset CreatedAt)
{
    /// <summary>Docker's state word (created, running, paused, exited, ...); set by inspect only.</summary>
    public string? State { get; init; }

    /// <summary>The image the container was created from, as named; set by inspect only.</summary>
    public string? Image { get; init; }

    /// <summary>The last health check runs Docker keeps, oldest first; set by inspect only.</summary>
    public IReadOnlyList<HealthProbe> HealthLog { get; init; } = [];

    /// <summary>Its volumes and other mounts; set by inspect only.</summary>
    public IReadOnlyList<ContainerMount> Mounts { get; init; } = [];
}

/// <summary>How to reach a container: its address on its network and its published ports.</summary>
public sealed record ContainerEndpoints(string? IpAddress, IReadOnlyList<PublishedPort> Ports)
{
    public static readonly ContainerEndpoints None = new(null, []);
}

public sealed record PublishedPort(int ContainerPort, string Protocol, string HostIp, int HostPort);
