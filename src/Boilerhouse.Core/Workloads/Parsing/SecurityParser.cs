using YamlDotNet.RepresentationModel;
using Boilerhouse.Core.Yaml;

namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>
/// Reads the isolation fields (user, read_only, cap_drop, cap_add, security_opt, runtime, network_mode)
/// and holds them to the <see cref="WorkloadPolicy"/>: anything weaker than the hardened baseline is an
/// error naming the field and the setting that would allow it. <c>ALL</c> capabilities are always dropped.
/// </summary>
internal static class SecurityParser
{
    private const string NoNewPrivileges = "no-new-privileges";

    public static SecuritySpec Read(YamlFields f, WorkloadPolicy policy)
    {
        var user = User(f, policy);
        var readOnly = f.Bool("read_only") ?? SecureDefaults.ReadOnlyRootFilesystem;
        if (!readOnly && !policy.AllowWritableRootFilesystem)
        {
            Refuse(f, "read_only", "a writable root filesystem lets a compromised process change the image's programs; "
                + "write to volumes instead (x-boilerhouse-role or a plain volume)", WorkloadPolicy.AllowWritableRootFilesystemSetting);
        }

        // Read for its errors only: every capability is dropped whatever the list says.
        _ = CapabilityList(f, "cap_drop", policy, adding: false);
        var capAdd = CapabilityList(f, "cap_add", policy, adding: true);
        var securityOpt = SecurityOptions(f, policy);
        return new SecuritySpec(
            ReadOnlyRootFilesystem: readOnly,
            User: user ?? SecureDefaults.User,
            CapDrop: SecureDefaults.CapDrop,
            CapAdd: capAdd,
            SecurityOpt: securityOpt.Any(IsNoNewPrivileges) ? securityOpt : [.. securityOpt, SecureDefaults.NoNewPrivileges],
            Runtime: WorkloadParser.NonEmpty(f, "runtime"));
    }

    /// <summary>network_mode: bridge, none or a network name; host and container:&lt;other&gt; only when the policy allows.</summary>
    public static string NetworkMode(YamlFields f, WorkloadPolicy policy)
    {
        var mode = WorkloadParser.NonEmpty(f, "network_mode") ?? SecureDefaults.NetworkMode;
        if (policy.AllowHostNetwork)
        {
            return mode;
        }

        if (mode == "host")
        {
            Refuse(f, "network_mode", "'host' shares the Docker host's network, whose loopback reaches this API and the cluster's ports",
                WorkloadPolicy.AllowHostNetworkSetting);
        }
        else if (SharesAnotherNamespace(mode))
        {
            Refuse(f, "network_mode", $"'{mode}' joins another container's network namespace", WorkloadPolicy.AllowHostNetworkSetting);
        }

        return mode;
    }

    /// <summary>container:&lt;id&gt; (Docker) and service:&lt;name&gt; (compose) both borrow another container's network.</summary>
    public static bool SharesAnotherNamespace(string mode) =>
        mode.StartsWith("container:", StringComparison.Ordinal) || mode.StartsWith("service:", StringComparison.Ordinal);

    private static string? User(YamlFields f, WorkloadPolicy policy)
    {
        var user = WorkloadParser.NonEmpty(f, "user");
        if (user is not null && !policy.AllowRoot && !ContainerUser.IsNumericNonRoot(user))
        {
            Refuse(f, "user", $"'{user}' may run as root (uid 0, or a name the image can map to uid 0); "
                + "write numeric ids with a uid other than 0, like '1000:1000'", WorkloadPolicy.AllowRootSetting);
        }

        return user;
    }

    private static IReadOnlyList<string> CapabilityList(YamlFields f, string key, WorkloadPolicy policy, bool adding)
    {
        if (f[key] is not { } node || f.StringList(key) is not { } names)
        {
            return [];
        }

        var result = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            var itemNode = ((YamlSequenceNode)node).Children[i];
            var path = YamlFieldReader.Item(f.PathOf(key), i);
            var name = Capabilities.Normalize(names[i]);
            if (!Capabilities.IsKnown(name))
            {
                f.Reader.Error(itemNode, path, $"'{names[i]}' is not a Linux capability (e.g. NET_BIND_SERVICE, CHOWN)");
            }
            else if (adding && !policy.AllowsCapability(name))
            {
                var what = name == Capabilities.All ? "ALL would make the container privileged" : $"{name} is not one of the capabilities a workload may add";
                f.Reader.Error(itemNode, path,
                    $"{what} ({string.Join(", ", Capabilities.Harmless.Order(StringComparer.Ordinal))}); "
                    + $"list it in {WorkloadPolicy.AllowedCapabilitiesSetting} to allow it");
            }
            else if (!result.Contains(name))
            {
                result.Add(name);
            }
        }

        return result;
    }

    private static IReadOnlyList<string> SecurityOptions(YamlFields f, WorkloadPolicy policy)
    {
        if (f["security_opt"] is not { } node || f.StringList("security_opt") is not { } options)
        {
            return [];
        }

        for (var i = 0; i < options.Count; i++)
        {
            var itemNode = ((YamlSequenceNode)node).Children[i];
            var path = YamlFieldReader.Item(f.PathOf("security_opt"), i);
            var option = options[i];
            if (IsNoNewPrivileges(option))
            {
                if (NoNewPrivilegesValue(option) is not { } on)
                {
                    f.Reader.Error(itemNode, path, $"expected {NoNewPrivileges}:true or {NoNewPrivileges}:false, found '{option}'");
                }
                else if (!on && !policy.AllowRoot)
                {
                    f.Reader.Error(itemNode, path,
                        $"'{option}' lets setuid programs (sudo, su) become root inside the container; set {WorkloadPolicy.AllowRootSetting}=true to allow it");
                }
            }
            else if (!policy.AllowUnconfined)
            {
                f.Reader.Error(itemNode, path,
                    $"'{option}' replaces Docker's default confinement (seccomp, AppArmor, SELinux, masked paths) with an unconfined or custom one; "
                    + $"set {WorkloadPolicy.AllowUnconfinedSetting}=true to allow it");
            }
        }

        return options;
    }

    private static bool IsNoNewPrivileges(string option) => option.StartsWith(NoNewPrivileges, StringComparison.OrdinalIgnoreCase);

    // Docker's forms: "no-new-privileges" (on), "no-new-privileges:true", "no-new-privileges=false".
    private static bool? NoNewPrivilegesValue(string option)
    {
        var rest = option[NoNewPrivileges.Length..];
        if (rest.Length == 0)
        {
            return true;
        }

        return rest[0] is ':' or '=' && bool.TryParse(rest[1..], out var value) ? value : null;
    }

    private static void Refuse(YamlFields f, string key, string why, string setting) =>
        f.Reader.Error(f[key]!, f.PathOf(key), $"{why}; set {setting}=true to allow it");
}
