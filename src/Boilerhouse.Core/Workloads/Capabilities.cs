using System.Collections.Frozen;

namespace Boilerhouse.Core.Workloads;

/// <summary>Linux capability names as Docker takes them (cap_add, cap_drop), and the ones a workload may add back by default.</summary>
public static class Capabilities
{
    /// <summary>Every capability at once; in cap_drop it is always applied, in cap_add it would make the container privileged.</summary>
    public const string All = "ALL";

    /// <summary>
    /// What a workload may add back without a setting: file ownership and permission work inside its
    /// own filesystem, switching to another unprivileged user, binding ports below 1024 and signalling
    /// its own processes. None of them reaches the host, the network stack or the kernel.
    /// </summary>
    public static FrozenSet<string> Harmless { get; } = FrozenSet.Create(
        StringComparer.Ordinal, "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "NET_BIND_SERVICE", "SETGID", "SETUID");

    /// <summary>The capabilities of Linux 6.x, so a typo is reported instead of failing at container create.</summary>
    public static FrozenSet<string> Known { get; } = FrozenSet.Create(
        StringComparer.Ordinal,
        "AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE", "BLOCK_SUSPEND", "BPF", "CHECKPOINT_RESTORE", "CHOWN", "DAC_OVERRIDE",
        "DAC_READ_SEARCH", "FOWNER", "FSETID", "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN",
        "MAC_OVERRIDE", "MKNOD", "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_RAW", "PERFMON", "SETFCAP", "SETGID",
        "SETPCAP", "SETUID", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYS_MODULE", "SYS_NICE", "SYS_PACCT", "SYS_PTRACE",
        "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "SYSLOG", "WAKE_ALARM");

    /// <summary>Docker accepts <c>cap_net_admin</c> and <c>CAP_NET_ADMIN</c> for <c>NET_ADMIN</c>; this is that one spelling.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var upper = name.Trim().ToUpperInvariant();
        return upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper[4..] : upper;
    }

    public static bool IsKnown(string normalized) => normalized == All || Known.Contains(normalized);
}
