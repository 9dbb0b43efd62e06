using System.Collections.Frozen;

namespace Boilerhouse.Core.Workloads;

/// <summary>
/// How far a workload file may weaken its containers' isolation. The default refuses everything below
/// Boilerhouse's hardened baseline: root or named users, host or shared network namespaces, unconfined or
/// custom security profiles, no-new-privileges:false, a writable root filesystem, unlimited processes and
/// capabilities beyond <see cref="Capabilities.Harmless"/>. Each switch is a host setting, so weakening
/// isolation is the operator's decision, never a workload author's alone.
/// </summary>
public sealed record WorkloadPolicy
{
    public const string AllowRootSetting = "BOILERHOUSE_ALLOW_ROOT";
    public const string AllowHostNetworkSetting = "BOILERHOUSE_ALLOW_HOST_NETWORK";
    public const string AllowUnconfinedSetting = "BOILERHOUSE_ALLOW_UNCONFINED";
    public const string AllowWritableRootFilesystemSetting = "BOILERHOUSE_ALLOW_WRITABLE_ROOTFS";
    public const string AllowUnlimitedPidsSetting = "BOILERHOUSE_ALLOW_UNLIMITED_PIDS";
    public const string AllowedCapabilitiesSetting = "BOILERHOUSE_ALLOWED_CAPABILITIES";

    /// <summary>The hardened baseline: every switch off, only harmless capabilities.</summary>
    public static WorkloadPolicy Default { get; } = new();

    /// <summary>user: root, 0, a user name, and security_opt no-new-privileges:false.</summary>
    public bool AllowRoot { get; init; }

    /// <summary>network_mode: host and container:&lt;other&gt;.</summary>
    public bool AllowHostNetwork { get; init; }

    /// <summary>security_opt entries other than no-new-privileges: unconfined or custom seccomp, AppArmor, SELinux profiles.</summary>
    public bool AllowUnconfined { get; init; }

    /// <summary>read_only: false.</summary>
    public bool AllowWritableRootFilesystem { get; init; }

    /// <summary>deploy.resources.limits.pids: -1.</summary>
    public bool AllowUnlimitedPids { get; init; }

    /// <summary>Capabilities cap_add may name beyond <see cref="Capabilities.Harmless"/>; <c>ALL</c> allows any.</summary>
    public IReadOnlySet<string> AllowedCapabilities { get; init; } = FrozenSet<string>.Empty;

    /// <summary>Where ${VAR} in environment values is looked up: the host's settings (default: nothing is set).</summary>
    public WorkloadVariables Variables { get; init; } = WorkloadVariables.None;

    /// <summary>Whether cap_add may name <paramref name="capability"/> (a normalized name, see <see cref="Capabilities.Normalize"/>).</summary>
    public bool AllowsCapability(string capability) =>
        Capabilities.Harmless.Contains(capability)
        || AllowedCapabilities.Contains(capability)
        || AllowedCapabilities.Contains(Capabilities.All);
}
