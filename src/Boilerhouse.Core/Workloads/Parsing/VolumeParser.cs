using YamlDotNet.RepresentationModel;
using Boilerhouse.Core.Yaml;

namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>
/// Reads compose long-syntax <c>volumes</c>. Boilerhouse owns every volume's source (one named volume
/// per container), so <c>source</c> is ignored and only <c>type: volume</c> is accepted.
/// </summary>
internal static class VolumeParser
{
    private static readonly string[] Fields = ["type", "source", "target", "read_only", "x-boilerhouse-role"];

    private static readonly Dictionary<string, VolumeRole> Roles = new(StringComparer.Ordinal)
    {
        ["state"] = VolumeRole.State,
        ["secrets"] = VolumeRole.Secrets,
        ["config"] = VolumeRole.Config,
        ["comm"] = VolumeRole.Comm,
    };

    public static IReadOnlyList<VolumeSpec> Read(YamlFieldReader reader, YamlNode node, string path)
    {
        if (node is not YamlSequenceNode sequence)
        {
            reader.Error(node, path, $"expected a list of volumes, found {YamlFieldReader.Describe(node)}");
            return [];
        }

        var volumes = new List<VolumeSpec>();
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        var roles = new Dictionary<VolumeRole, string>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            var itemPath = YamlFieldReader.Item(path, i);
            if (item is YamlScalarNode)
            {
                reader.Error(item, itemPath,
                    $"short volume syntax {YamlFieldReader.Describe(item)} is not supported; use the long syntax, e.g. '- target: /state' with 'x-boilerhouse-role: state'");
                continue;
            }

            if (reader.Mapping(item, itemPath, Fields, allowExtensions: true) is not { } f)
            {
                continue;
            }

            if (f.String("type") is { } type && type != "volume")
            {
                reader.Error(f["type"]!, f.PathOf("type"), $"only type 'volume' is supported (Boilerhouse creates one named volume per container), found '{type}'");
            }

            _ = f.String("source");
            var readOnly = f.Bool("read_only") ?? false;
            var role = Role(f);
            if (f.Required("target") is not { } targetNode || Target(reader, targetNode, f.PathOf("target")) is not { } target)
            {
                continue;
            }

            if (!targets.TryAdd(target, itemPath))
            {
                reader.Error(targetNode, f.PathOf("target"), $"target '{target}' is already mounted by {targets[target]}");
                continue;
            }

            if (role is not VolumeRole.None && !roles.TryAdd(role, itemPath))
            {
                reader.Error(f["x-boilerhouse-role"]!, f.PathOf("x-boilerhouse-role"), $"role '{Name(role)}' is already given to {roles[role]}; each role may be used once");
                continue;
            }

            volumes.Add(new VolumeSpec(target, readOnly, role));
        }

        return volumes;
    }

    private static VolumeRole Role(YamlFields f)
    {
        if (f.String("x-boilerhouse-role") is not { } name)
        {
            return VolumeRole.None;
        }

        if (Roles.TryGetValue(name, out var role))
        {
            return role;
        }

        f.Reader.Error(f["x-boilerhouse-role"]!, f.PathOf("x-boilerhouse-role"), $"expected one of state, secrets, config, comm, found '{name}'");
        return VolumeRole.None;
    }

    private static string Name(VolumeRole role) => Roles.First(r => r.Value == role).Key;

    private static string? Target(YamlFieldReader reader, YamlNode node, string path)
    {
        if (reader.String(node, path) is not { } raw)
        {
            return null;
        }

        var target = raw.Length > 1 ? raw.TrimEnd('/') : raw;
        if (!target.StartsWith('/') || target == "/")
        {
            reader.Error(node, path, $"must be an absolute path inside the container other than '/', found '{raw}'");
            return null;
        }

        if (target.Split('/').Any(segment => segment is "." or ".."))
        {
            reader.Error(node, path, $"must not contain '.' or '..' segments, found '{raw}'");
            return null;
        }

        return target;
    }
}
