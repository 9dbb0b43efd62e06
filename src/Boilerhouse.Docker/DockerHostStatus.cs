namespace Boilerhouse.Docker;

/// <summary>What a Docker engine says about itself, and how long a ping took.</summary>
public sealed record DockerHostStatus(
    string Endpoint,
    string ServerVersion,
    string ApiVersion,
    string OperatingSystem,
    string KernelVersion,
    long Containers,
    long ContainersRunning,
    int Cpus,
    long MemoryBytes,
    IReadOnlyList<string> Runtimes,
    TimeSpan PingLatency);
