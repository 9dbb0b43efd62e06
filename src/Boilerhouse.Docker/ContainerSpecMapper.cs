using System.Globalization;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker;

/// <summary>Maps a <see cref="ContainerRequest"/> onto Docker's create parameters and the named volumes it needs.</summary>
public static class ContainerSpecMapper
{
    /// <summary>Read-only root filesystems still need a scratch directory; Docker's tmpfs defaults plus a size and mode.</summary>
    public const string ScratchPath = "/tmp";

    public const string ScratchOptions = "rw,nosuid,nodev,noexec,size=16m,mode=1777";

    /// <summary>"{Name}-{role}" for role volumes, "{Name}-{index}" for plain ones.</summary>
    public static IReadOnlyList<ContainerVolume> VolumesFor(ContainerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return
        [
            .. request.Workload.Volumes.Select((volume, index) => new ContainerVolume(
                VolumeName(request.Name, volume, index),
                volume.Target,
                volume.ReadOnly,
                volume.Role)),
        ];
    }

    public static string VolumeName(string containerName, VolumeSpec volume, int index) =>
        volume.Role == VolumeRole.None
            ? string.Create(CultureInfo.InvariantCulture, $"{containerName}-{index}")
            : $"{containerName}-{volume.Role.ToString().ToLowerInvariant()}";

    /// <summary>Labels for a container's volume: the request's, plus who owns it and its role.</summary>
    public static IDictionary<string, string> VolumeLabels(ContainerRequest request, ContainerVolume volume)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(volume);
        var labels = new Dictionary<string, string>(request.Labels)
        {
            [ContainerLabels.Managed] = "true",
            [ContainerLabels.Container] = request.Name,
        };
        if (volume.Role != VolumeRole.None)
        {
            labels[ContainerLabels.Role] = volume.Role.ToString().ToLowerInvariant();
        }
        else
        {
            labels.Remove(ContainerLabels.Role);
        }

        return labels;
    }

    /// <summary>Workload labels first, so Boilerhouse's own labels in the request win.</summary>
    public static IDictionary<string, string> ContainerLabelsFor(ContainerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var labels = new Dictionary<string, string>(request.Workload.Labels);
        foreach (var (key, value) in request.Labels)
        {
            labels[key] = value;
        }

        labels.TryAdd(ContainerLabels.Managed, "true");
        return labels;
    }

    /// <param name="advertiseAddress">The engine machine's reachable address: loopback-bound ports are published there instead.</param>
    public static CreateContainerParameters ToCreateParameters(ContainerRequest request, IReadOnlyList<ContainerVolume> volumes, string? advertiseAddress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(volumes);
        var workload = request.Workload;
        var security = workload.Security;
        var resources = workload.Resources;

        var hostConfig = new HostConfig
        {
            // The pool's own network when it has one; never Docker's default bridge, shared by every pool.
            NetworkMode = request.Network?.Name ?? workload.NetworkMode,
            DNS = workload.Network.Dns.Count > 0 ? [.. workload.Network.Dns] : null,
            ReadonlyRootfs = security.ReadOnlyRootFilesystem,
            // ALL whatever the spec says (naming more is redundant): a partial list would keep Docker's defaults.
            CapDrop = [SecureDefaults.CapDropAll],
            CapAdd = [.. security.CapAdd],
            SecurityOpt = [.. security.SecurityOpt],
            Runtime = string.IsNullOrWhiteSpace(security.Runtime) ? null : security.Runtime,
            NanoCPUs = (long)(resources.CpuLimit * 1_000_000_000m),
            MemoryReservation = resources.MemoryReservationBytes,
            PidsLimit = resources.PidsLimit > 0 ? resources.PidsLimit : null,
            Mounts = [.. volumes.Select(v => new Mount { Type = "volume", Source = v.Name, Target = v.Target, ReadOnly = v.ReadOnly })],
            PortBindings = workload.Ports.GroupBy(PortKey).ToDictionary(
                g => g.Key,
                g => (IList<PortBinding>)[.. g.Select(p => ToPortBinding(p, advertiseAddress))]),
        };
        if (resources.MemoryLimitBytes > 0)
        {
            hostConfig.Memory = resources.MemoryLimitBytes;
            hostConfig.MemorySwap = resources.MemoryLimitBytes; // equal to Memory: no swap on top
        }

        if (!volumes.Any(v => IsSameDirectory(v.Target, ScratchPath)))
        {
            hostConfig.Tmpfs = new Dictionary<string, string> { [ScratchPath] = ScratchOptions };
        }

        return new CreateContainerParameters
        {
            Name = request.Name,
            Image = workload.Image,
            Cmd = workload.Command is null ? null : [.. workload.Command],
            Entrypoint = workload.Entrypoint is null ? null : [.. workload.Entrypoint],
            Env = [.. workload.Environment.Select(e => $"{e.Key}={e.Value}")],
            User = security.User,
            Labels = ContainerLabelsFor(request),
            ExposedPorts = workload.Ports.Select(PortKey).Distinct().ToDictionary(k => k, _ => default(EmptyStruct)),
            Healthcheck = workload.HealthCheck is { } health ? ToHealthConfig(health) : null,
            HostConfig = hostConfig,
        };
    }

    public static HealthConfig ToHealthConfig(HealthCheckSpec health)
    {
        ArgumentNullException.ThrowIfNull(health);
        return new HealthConfig
        {
            Test = [.. health.Test],
            Interval = health.Interval,
            Timeout = health.Timeout,
            StartPeriod = health.StartPeriod.Ticks * 100, // Docker wants nanoseconds
            Retries = health.Retries,
        };
    }

    /// <summary>An empty host port lets Docker pick a free one. A loopback port is unreachable from another machine: it goes to the advertised address.</summary>
    private static PortBinding ToPortBinding(PortSpec port, string? advertiseAddress) => new()
    {
        HostIP = advertiseAddress is { Length: > 0 } && IsLoopback(port.HostIp) ? advertiseAddress : port.HostIp,
        HostPort = port.HostPort?.ToString(CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Docker's "8080/tcp" form.</summary>
    public static string PortKey(PortSpec port)
    {
        ArgumentNullException.ThrowIfNull(port);
        var protocol = string.IsNullOrWhiteSpace(port.Protocol) ? "tcp" : port.Protocol.ToLowerInvariant();
        return string.Create(CultureInfo.InvariantCulture, $"{port.ContainerPort}/{protocol}");
    }

    private static bool IsLoopback(string hostIp) =>
        System.Net.IPAddress.TryParse(hostIp, out var ip) && System.Net.IPAddress.IsLoopback(ip);

    private static bool IsSameDirectory(string a, string b) =>
        string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.Ordinal);
}
