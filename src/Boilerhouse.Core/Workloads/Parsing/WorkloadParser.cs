using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Boilerhouse.Core.Yaml;

namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>
/// Parses one compose-aligned workload YAML file into a <see cref="WorkloadSpec"/>, reporting every
/// error with its field path and line. Fields use docker-compose names; Boilerhouse's own settings
/// live under <c>x-boilerhouse</c>. Where the file is silent, <see cref="SecureDefaults"/> apply.
/// </summary>
public static class WorkloadParser
{
    private static readonly string[] RootFields =
    [
        "image", "command", "entrypoint", "environment", "volumes", "healthcheck", "deploy", "read_only", "user",
        "cap_drop", "cap_add", "security_opt", "network_mode", "ports", "labels", "runtime", "dns", BoilerhouseExtensionParser.Key,
    ];

    private static readonly Dictionary<string, string> RootHints = new(StringComparer.Ordinal)
    {
        ["services"] = "a workload file describes one service; put its fields (image, command, ...) at the top level",
        ["version"] = "workload files have no version field",
        ["container_name"] = "Boilerhouse names containers itself",
        ["privileged"] = "Boilerhouse never runs privileged containers; add single capabilities with cap_add",
        ["devices"] = "Boilerhouse does not pass host devices into containers",
        ["pid"] = "containers always get their own process namespace",
        ["ipc"] = "containers always get their own IPC namespace",
        ["userns_mode"] = "containers always use the engine's user namespace setting",
    };

    /// <summary>Docker labels with this prefix are Boilerhouse's own bookkeeping (pool, tenant, ...).</summary>
    public const string ReservedLabelPrefix = "boilerhouse.";

    /// <summary>
    /// Parses <paramref name="yaml"/>; <paramref name="file"/> names the source in errors and becomes <see cref="WorkloadSpec.SourceFile"/>.
    /// Isolation weaker than <paramref name="policy"/> allows (default: <see cref="WorkloadPolicy.Default"/>) is an error.
    /// </summary>
    public static WorkloadParseResult Parse(string yaml, string file, WorkloadPolicy? policy = null)
    {
        policy ??= WorkloadPolicy.Default;
        var reader = new YamlFieldReader(file);
        if (Load(reader, yaml) is not { } root || reader.Mapping(root, "", RootFields, allowExtensions: true, hints: RootHints) is not { } f)
        {
            return WorkloadParseResult.Failure(reader.Errors);
        }

        var boilerhouse = BoilerhouseExtensionParser.Read(reader, f);
        var image = Image(f);
        var command = Command(f, "command");
        var entrypoint = Command(f, "entrypoint");
        var environment = Environment(f, policy.Variables);
        var volumes = f["volumes"] is { } v ? VolumeParser.Read(reader, v, f.PathOf("volumes")) : [];
        var healthCheck = f["healthcheck"] is { } h ? HealthCheckParser.Read(reader, h, f.PathOf("healthcheck")) : null;
        var resources = DeployParser.Read(reader, f["deploy"], f.PathOf("deploy"), policy);
        var security = SecurityParser.Read(f, policy);
        var networkMode = SecurityParser.NetworkMode(f, policy);
        var ports = f["ports"] is { } p ? PortParser.Read(reader, p, f.PathOf("ports")) : [];
        var labels = Labels(f);
        CheckPorts(reader, ports, networkMode, boilerhouse.LargestMaxSize);
        var network = NetworkParser.Resolve(reader, boilerhouse.Network, NetworkParser.Dns(f), networkMode, ports.Count > 0);
        var sync = boilerhouse.Sync is { } parsedSync ? SyncSpecParser.CheckContainerPaths(reader, parsedSync, volumes) : null;
        var routing = boilerhouse.Routing is { } parsedRouting ? RoutingParser.CheckPort(reader, parsedRouting, [.. ports.Select(e => e.Port)]) : null;

        if (reader.ErrorCount > 0 || image is null || boilerhouse is not { Id: { } id, Name: { } name, Pool: { } pool })
        {
            return WorkloadParseResult.Failure(reader.Errors);
        }

        var spec = new WorkloadSpec
        {
            Id = id,
            Name = name,
            Image = image,
            Command = command,
            Entrypoint = entrypoint,
            Environment = environment,
            Volumes = volumes,
            HealthCheck = healthCheck,
            Resources = resources,
            Security = security,
            NetworkMode = networkMode,
            Ports = [.. ports.Select(e => e.Port)],
            Network = network,
            Labels = labels,
            Pool = pool,
            Pools = boilerhouse.Pools ?? [],
            Placement = boilerhouse.Placement ?? PlacementSpec.Anywhere,
            ConfigSchema = boilerhouse.ConfigSchema,
            Sync = sync,
            Routing = routing ?? RoutingSpec.Default,
            SourceFile = file,
        };
        return WorkloadParseResult.Success(spec, boilerhouse.IdLine);
    }

    private static YamlNode? Load(YamlFieldReader reader, string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            reader.ErrorAt((int)e.Start.Line, "", $"invalid YAML: {e.Message}");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these for some malformed input (e.g. an unclosed flow sequence).
            reader.ErrorAt(null, "", $"invalid YAML: {e.Message}");
            return null;
        }

        switch (stream.Documents.Count)
        {
            case 0:
                reader.ErrorAt(null, "", "the file is empty; a workload needs at least image and x-boilerhouse.id");
                return null;
            case > 1:
                reader.ErrorAt(YamlFieldReader.Line(stream.Documents[1].RootNode), "", "a workload file holds one YAML document; split the others into their own files");
                return null;
            default:
                return stream.Documents[0].RootNode;
        }
    }

    private static string? Image(YamlFields f)
    {
        if (f.RequiredString("image") is not { } image)
        {
            return null;
        }

        if (image.Length == 0 || image.Any(char.IsWhiteSpace))
        {
            f.Reader.Error(f["image"]!, f.PathOf("image"), $"expected an image reference like 'nginx:1.27', found '{image}'");
            return null;
        }

        return image;
    }

    internal static string? NonEmpty(YamlFields f, string key)
    {
        var value = f.String(key);
        if (value is { } text && (text.Length == 0 || text.Any(char.IsWhiteSpace)))
        {
            f.Reader.Error(f[key]!, f.PathOf(key), $"must be a non-empty value without spaces, found '{text}'");
            return null;
        }

        return value;
    }

    // Compose accepts a string (split like a shell would, without expansion) or an exec-form list.
    private static IReadOnlyList<string>? Command(YamlFields f, string key)
    {
        if (f[key] is not { } node)
        {
            return null;
        }

        if (node is not YamlScalarNode)
        {
            return f.StringList(key);
        }

        if (f.String(key) is not { } text)
        {
            return null;
        }

        if (!ShellWords.TrySplit(text, out var words, out var error))
        {
            f.Reader.Error(node, f.PathOf(key), $"'{text}' {error}");
            return null;
        }

        return words;
    }

    private static IReadOnlyDictionary<string, string> Environment(YamlFields f, WorkloadVariables variables)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (f["environment"] is not { } node || ComposeKeyValues.Read(f.Reader, node, f.PathOf("environment")) is not { } entries)
        {
            return result.AsReadOnly();
        }

        foreach (var (key, value, keyNode) in entries)
        {
            var path = f.PathOf("environment") + "." + key;
            if (value is null)
            {
                // Compose would copy the host's variable here; a pool's containers must not depend on the host.
                f.Reader.Error(keyNode, path, $"'{key}' has no value, and Boilerhouse does not pass through the host's environment; write {key}: \"\" for an empty value");
            }
            else if (key.Any(char.IsWhiteSpace))
            {
                f.Reader.Error(keyNode, path, $"variable names must not contain spaces, found '{key}'");
            }
            else if (variables.Substitute(value) is { Value: { } substituted })
            {
                result[key] = substituted;
            }
            else
            {
                f.Reader.Error(keyNode, path, variables.Substitute(value).Error!);
            }
        }

        return result.AsReadOnly();
    }

    private static IReadOnlyDictionary<string, string> Labels(YamlFields f)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (f["labels"] is not { } node || ComposeKeyValues.Read(f.Reader, node, f.PathOf("labels")) is not { } entries)
        {
            return result.AsReadOnly();
        }

        foreach (var (key, value, keyNode) in entries)
        {
            if (key.StartsWith(ReservedLabelPrefix, StringComparison.OrdinalIgnoreCase))
            {
                f.Reader.Error(keyNode, f.PathOf("labels") + "." + key, $"labels starting with '{ReservedLabelPrefix}' are reserved for Boilerhouse, found '{key}'");
            }
            else
            {
                result[key] = value ?? "";
            }
        }

        return result.AsReadOnly();
    }

    private static void CheckPorts(YamlFieldReader reader, IReadOnlyList<PortParser.Entry> ports, string networkMode, int? largestMaxSize)
    {
        foreach (var (port, node, path) in ports)
        {
            if (networkMode is "none" or "host" || SecurityParser.SharesAnotherNamespace(networkMode))
            {
                reader.Error(node, path, $"ports cannot be published with network_mode: {networkMode}");
            }
            else if (port.HostPort is { } hostPort && largestMaxSize is > 1)
            {
                reader.Error(node, path,
                    $"host port {hostPort} would collide between the pool's containers (x-boilerhouse.pool.max_size is {largestMaxSize}); "
                    + $"publish only the container port ('{port.ContainerPort}') so Docker picks a free host port, or set max_size: 1");
            }
        }
    }
}
