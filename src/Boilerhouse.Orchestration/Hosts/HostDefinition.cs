using Boilerhouse.Docker;

namespace Boilerhouse.Orchestration.Hosts;

/// <summary>A Docker host as configured: where its engine answers (and its TLS files), its labels and its capacity.</summary>
public sealed record HostDefinition(
    string Id,
    DockerEndpoint Endpoint,
    IReadOnlyDictionary<string, string> Labels,
    HostCapacity Capacity)
{
    /// <summary>The id of the one host of a setup without a hosts file: the engine DOCKER_HOST names.</summary>
    public const string LocalId = "local";
}
