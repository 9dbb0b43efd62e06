using Microsoft.Extensions.Logging;

namespace Boilerhouse.Docker;

/// <summary>Structured log events of the Docker runtime. Environment values never appear: they may hold secrets.</summary>
internal static partial class DockerLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Created volume {VolumeName} for container {ContainerName}")]
    public static partial void VolumeCreated(ILogger logger, string volumeName, string containerName);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Created container {ContainerId} ({ContainerName}) from image {Image} on {DockerEndpoint}")]
    public static partial void ContainerCreated(ILogger logger, string containerId, string containerName, string image, string dockerEndpoint);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Container {ContainerName} already exists as {ContainerId}; reusing it")]
    public static partial void ContainerReused(ILogger logger, string containerId, string containerName);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Docker warned while creating container {ContainerId}: {DockerWarning}")]
    public static partial void CreateWarning(ILogger logger, string containerId, string dockerWarning);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Started container {ContainerId}")]
    public static partial void ContainerStarted(ILogger logger, string containerId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "Container {ContainerId} was already running")]
    public static partial void ContainerAlreadyRunning(ILogger logger, string containerId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Container {ContainerId} is ready ({Health}) after {ElapsedMs} ms")]
    public static partial void ContainerReady(ILogger logger, string containerId, string health, long elapsedMs);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Container {ContainerId} did not become healthy: {Reason}")]
    public static partial void ContainerNotReady(ILogger logger, string containerId, string reason);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Debug, Message = "Exec {Executable} in container {ContainerId} exited with {ExitCode}")]
    public static partial void ExecFinished(ILogger logger, string containerId, string executable, long exitCode);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Debug, Message = "Extracted an archive into {Path} of container {ContainerId}")]
    public static partial void ArchivePut(ILogger logger, string containerId, string path);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Removed container {ContainerId} ({ContainerName})")]
    public static partial void ContainerRemoved(ILogger logger, string containerId, string containerName);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Debug, Message = "Removed volume {VolumeName} of container {ContainerName}")]
    public static partial void VolumeRemoved(ILogger logger, string volumeName, string containerName);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Could not remove archive helper container {ContainerId}: {Reason}")]
    public static partial void HelperNotRemoved(ILogger logger, string containerId, string reason);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Debug, Message = "Wrote {Count} files into {Path} of container {ContainerId} through its volume folder")]
    public static partial void FilesWrittenDirectly(ILogger logger, int count, string path, string containerId);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Information, Message = "Paused container {ContainerId}")]
    public static partial void ContainerPaused(ILogger logger, string containerId);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Debug, Message = "Container {ContainerId} was not running its code already: {DockerMessage}")]
    public static partial void ContainerAlreadyStill(ILogger logger, string containerId, string dockerMessage);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Warning, Message = "Docker engine at {DockerEndpoint} is used insecurely: {Insecurity}")]
    public static partial void InsecureEndpoint(ILogger logger, string dockerEndpoint, string insecurity);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Information, Message = "Killed the processes of command {Marker} in container {ContainerId}")]
    public static partial void CommandKilled(ILogger logger, string containerId, string marker);

    [LoggerMessage(EventId = 1018, Level = LogLevel.Warning, Message = "Could not kill the processes of command {Marker} in container {ContainerId}: {Reason}")]
    public static partial void CommandNotKilled(ILogger logger, string containerId, string marker, string reason);

    [LoggerMessage(EventId = 1019, Level = LogLevel.Information, Message = "Command {Executable} in container {ContainerId} ran out of time after {TimeoutSeconds} s")]
    public static partial void CommandTimedOut(ILogger logger, string containerId, string executable, double timeoutSeconds);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Created pool network {NetworkName} (bridge {BridgeName}, internal {Internal}) on {DockerEndpoint}")]
    public static partial void PoolNetworkCreated(ILogger logger, string networkName, string bridgeName, bool @internal, string dockerEndpoint);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "Found pool network {NetworkName} on {DockerEndpoint}")]
    public static partial void PoolNetworkFound(ILogger logger, string networkName, string dockerEndpoint);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Information, Message = "Removed pool network {NetworkName} from {DockerEndpoint}")]
    public static partial void PoolNetworkRemoved(ILogger logger, string networkName, string dockerEndpoint);
}
