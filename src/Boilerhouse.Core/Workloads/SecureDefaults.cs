namespace Boilerhouse.Core.Workloads;

/// <summary>
/// What a workload gets when its YAML is silent: a locked-down container. Anything weaker
/// (a writable root filesystem, root, capabilities, no limits) has to be written explicitly,
/// and is refused unless the host's <see cref="WorkloadPolicy"/> allows it.
/// </summary>
public static class SecureDefaults
{
    /// <summary>Root filesystem is read-only; role volumes are the only writable places.</summary>
    public const bool ReadOnlyRootFilesystem = true;

    /// <summary>nobody:nogroup, so a container escape lands as an unprivileged user.</summary>
    public const string User = "65534:65534";

    /// <summary>Every capability is always dropped; cap_add brings back single, allowed ones.</summary>
    public const string CapDropAll = Capabilities.All;

    /// <summary>Added to security_opt unless the YAML sets no-new-privileges itself.</summary>
    public const string NoNewPrivileges = "no-new-privileges:true";

    /// <summary>Stops fork bombs from exhausting the host's process table.</summary>
    public const long PidsLimit = 256;

    /// <summary>512 MiB.</summary>
    public const long MemoryLimitBytes = 512L * 1024 * 1024;

    public const decimal CpuLimit = 1.0m;

    public const decimal CpuReservation = 0m;

    public const long MemoryReservationBytes = 0;

    /// <summary>Published ports bind to loopback; all interfaces must be asked for with 0.0.0.0.</summary>
    public const string HostIp = "127.0.0.1";

    public const string NetworkMode = "bridge";

    public static IReadOnlyList<string> CapDrop { get; } = [CapDropAll];
}
