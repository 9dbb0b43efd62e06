using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Functions.Settings;

/// <summary>
/// How far workload files may weaken isolation (<see cref="WorkloadPolicy"/>): BOILERHOUSE_ALLOW_ROOT,
/// BOILERHOUSE_ALLOW_HOST_NETWORK, BOILERHOUSE_ALLOW_UNCONFINED, BOILERHOUSE_ALLOW_WRITABLE_ROOTFS,
/// BOILERHOUSE_ALLOW_UNLIMITED_PIDS (all default false) and BOILERHOUSE_ALLOWED_CAPABILITIES (extra
/// capabilities cap_add may name, comma-separated; ALL allows any; default none), and where ${VAR} in
/// environment values is looked up.
/// </summary>
public static class WorkloadPolicySettings
{
    public static WorkloadPolicy Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var reader = new SettingsReader(configuration);
        return new WorkloadPolicy
        {
            AllowRoot = reader.Bool(WorkloadPolicy.AllowRootSetting, false),
            AllowHostNetwork = reader.Bool(WorkloadPolicy.AllowHostNetworkSetting, false),
            AllowUnconfined = reader.Bool(WorkloadPolicy.AllowUnconfinedSetting, false),
            AllowWritableRootFilesystem = reader.Bool(WorkloadPolicy.AllowWritableRootFilesystemSetting, false),
            AllowUnlimitedPids = reader.Bool(WorkloadPolicy.AllowUnlimitedPidsSetting, false),
            AllowedCapabilities = AllowedCapabilities(reader.String(WorkloadPolicy.AllowedCapabilitiesSetting, "")),
            // ${VAR} in environment values: the same settings the host reads (local.settings.json Values, then environment).
            Variables = new WorkloadVariables(name => configuration[name]),
        };
    }

    private static HashSet<string> AllowedCapabilities(string raw)
    {
        var names = raw.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var capabilities = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var capability = Capabilities.Normalize(name);
            capabilities.Add(Capabilities.IsKnown(capability)
                ? capability
                : throw new SettingsException($"{WorkloadPolicy.AllowedCapabilitiesSetting} names '{name}', which is not a Linux capability (e.g. NET_RAW, SYS_PTRACE, or ALL)."));
        }

        return capabilities;
    }
}
