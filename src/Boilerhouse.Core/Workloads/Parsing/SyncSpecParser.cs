using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using Boilerhouse.Core.Yaml;

namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>
/// Reads <c>x-boilerhouse.sync</c> (sink, mappings, policy). Paths and prefixes are checked here so
/// that no spec can reach outside a tenant's own prefix, and credentials are refused outright: they
/// belong in settings, never in a workload file.
/// </summary>
internal static partial class SyncSpecParser
{
    private static readonly string[] Fields = ["sink", "mappings", "policy"];
    private static readonly string[] SinkFields = ["type", "prefix", "bucket", "region", "endpoint", "chunked_encoding", "container", "connection_setting", "path"];
    private static readonly string[] MappingFields = ["container_path", "pattern", "sink_path", "direction", "mode", .. SyncLimitsParser.Fields];
    private static readonly string[] PolicyFields = ["on_claim", "on_release", "interval", "allow_manual_trigger"];
    private static readonly string[] Placeholders = ["${tenantId}", "${poolId}", "${workloadId}"];

    private static readonly Dictionary<string, string> CredentialHints = new()
    {
        ["access_key"] = $"credentials never go in a workload file; set {SinkSpec.S3AccessKeySetting} and {SinkSpec.S3SecretKeySetting} (or use the AWS default chain)",
        ["access_key_id"] = $"credentials never go in a workload file; set {SinkSpec.S3AccessKeySetting} (or use the AWS default chain)",
        ["secret_key"] = $"credentials never go in a workload file; set {SinkSpec.S3SecretKeySetting} (or use the AWS default chain)",
        ["secret_access_key"] = $"credentials never go in a workload file; set {SinkSpec.S3SecretKeySetting} (or use the AWS default chain)",
        ["secret"] = "credentials never go in a workload file; put them in settings",
        ["connection_string"] = $"connection strings never go in a workload file; put it in a setting and name it with connection_setting (default {SinkSpec.DefaultAzureConnectionSetting})",
    };

    [GeneratedRegex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex BucketName();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-/*?\[\]{},!]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex PatternCharacters();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SettingName();

    /// <summary>The spec and, for each mapping, the node of its container_path (to check it against the volumes later).</summary>
    public sealed record Parsed(SyncSpec Spec, IReadOnlyList<YamlNode> ContainerPathNodes, string Path);

    public static Parsed? Read(YamlFieldReader reader, YamlNode node, string path)
    {
        if (reader.Mapping(node, path, Fields) is not { } f)
        {
            return null;
        }

        var before = reader.ErrorCount;
        var sink = f.Required("sink") is { } sinkNode ? ReadSink(reader, sinkNode, f.PathOf("sink")) : null;
        var mappings = new List<SyncMapping>();
        var pathNodes = new List<YamlNode>();
        if (f.Required("mappings") is { } mappingsNode)
        {
            ReadMappings(reader, mappingsNode, f.PathOf("mappings"), mappings, pathNodes);
        }

        var policy = f["policy"] is { } policyNode ? ReadPolicy(reader, policyNode, f.PathOf("policy")) : SyncPolicy.Default;
        return reader.ErrorCount == before && sink is not null && policy is not null
            ? new Parsed(new SyncSpec(sink, mappings, policy), pathNodes, path)
            : null;
    }

    /// <summary>Every mapping must sit inside a volume of role state (that is what follows the tenant); answers the spec with each mapping's volume.</summary>
    public static SyncSpec CheckContainerPaths(YamlFieldReader reader, Parsed parsed, IReadOnlyList<VolumeSpec> volumes)
    {
        var stateTargets = volumes.Where(v => v.Role == VolumeRole.State).Select(v => v.Target.Length > 1 ? v.Target.TrimEnd('/') : v.Target).ToList();
        var mappings = new List<SyncMapping>();
        for (var i = 0; i < parsed.Spec.Mappings.Count; i++)
        {
            var mapping = parsed.Spec.Mappings[i];
            var root = stateTargets.Where(t => mapping.ContainerPath == t || mapping.ContainerPath.StartsWith(t.TrimEnd('/') + "/", StringComparison.Ordinal))
                .MaxBy(t => t.Length);
            if (root is null)
            {
                reader.Error(parsed.ContainerPathNodes[i], YamlFieldReader.Child(YamlFieldReader.Item(YamlFieldReader.Child(parsed.Path, "mappings"), i), "container_path"),
                    stateTargets.Count == 0
                        ? "the workload has no volume with x-boilerhouse-role: state to sync"
                        : $"'{mapping.ContainerPath}' is not inside a state volume ({string.Join(", ", stateTargets)})");
            }

            mappings.Add(mapping with { VolumeRoot = root });
        }

        return parsed.Spec with { Mappings = mappings };
    }

    private static SinkSpec? ReadSink(YamlFieldReader reader, YamlNode node, string path)
    {
        if (reader.Mapping(node, path, SinkFields, hints: CredentialHints) is not { } f)
        {
            return null;
        }

        var before = reader.ErrorCount;
        var type = Choice(f, "type", SyncYamlWords.SinkTypes, required: true);
        var prefix = Prefix(f);
        var spec = type switch
        {
            SinkType.S3 => ReadS3(f, prefix),
            SinkType.AzureBlob => ReadAzure(f, prefix),
            SinkType.Local => ReadLocal(f, prefix),
            _ => null,
        };
        return reader.ErrorCount == before ? spec : null;
    }

    private static SinkSpec ReadS3(YamlFields f, string prefix)
    {
        OnlyFor(f, "s3", "container", "connection_setting", "path");
        var bucket = f.RequiredString("bucket");
        if (bucket is not null && !BucketName().IsMatch(bucket))
        {
            f.Reader.Error(f["bucket"]!, f.PathOf("bucket"), $"'{bucket}' is not a valid bucket name: 3-63 lower-case letters, digits, '.' and '-'");
        }

        Uri? endpoint = null;
        if (f.String("endpoint") is { } raw)
        {
            if (Uri.TryCreate(raw, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.UserInfo.Length == 0)
            {
                endpoint = uri;
            }
            else
            {
                f.Reader.Error(f["endpoint"]!, f.PathOf("endpoint"), $"expected an http(s) URL without credentials, found '{raw}'");
            }
        }

        return new SinkSpec(SinkType.S3, prefix, Bucket: bucket, Region: f.String("region"), Endpoint: endpoint,
            ChunkedEncoding: f.Bool("chunked_encoding"));
    }

    private static SinkSpec ReadAzure(YamlFields f, string prefix)
    {
        OnlyFor(f, "azure_blob", "bucket", "region", "endpoint", "chunked_encoding", "path");
        var container = f.RequiredString("container");
        if (container is not null && !BucketName().IsMatch(container))
        {
            f.Reader.Error(f["container"]!, f.PathOf("container"), $"'{container}' is not a valid container name: 3-63 lower-case letters, digits and '-'");
        }

        var setting = f.String("connection_setting") ?? SinkSpec.DefaultAzureConnectionSetting;
        if (!SettingName().IsMatch(setting))
        {
            f.Reader.Error(f["connection_setting"]!, f.PathOf("connection_setting"),
                "expected the NAME of a setting that holds the connection string (letters, digits, '_'), not the connection string itself");
        }

        return new SinkSpec(SinkType.AzureBlob, prefix, Container: container, ConnectionSetting: setting);
    }

    private static SinkSpec ReadLocal(YamlFields f, string prefix)
    {
        OnlyFor(f, "local", "bucket", "region", "endpoint", "chunked_encoding", "container", "connection_setting");
        var folder = f.RequiredString("path");
        if (folder is { Length: 0 })
        {
            f.Reader.Error(f["path"]!, f.PathOf("path"), "must not be empty");
        }

        // As compose does, a relative path is relative to the workload file's folder.
        if (folder is { Length: > 0 } && !System.IO.Path.IsPathRooted(folder) && System.IO.Path.IsPathRooted(f.Reader.File))
        {
            folder = System.IO.Path.GetFullPath(folder, System.IO.Path.GetDirectoryName(f.Reader.File)!);
        }

        return new SinkSpec(SinkType.Local, prefix, Path: folder);
    }

    /// <summary>The tenant's prefix: relative, '/'-separated, no '..', and naming the tenant so that tenants never share data.</summary>
    private static string Prefix(YamlFields f)
    {
        if (f.RequiredString("prefix") is not { } prefix)
        {
            return "";
        }

        var node = f["prefix"]!;
        if (!prefix.Contains("${tenantId}", StringComparison.Ordinal))
        {
            f.Reader.Error(node, f.PathOf("prefix"), "must contain ${tenantId}, or tenants would share (and overwrite) each other's state");
        }

        var literal = Placeholders.Aggregate(prefix, (text, p) => text.Replace(p, "x", StringComparison.Ordinal));
        if (literal.Contains("${", StringComparison.Ordinal))
        {
            f.Reader.Error(node, f.PathOf("prefix"), "only ${tenantId}, ${poolId} and ${workloadId} can be interpolated");
        }
        else if (RelativePathProblem(literal) is { } problem)
        {
            f.Reader.Error(node, f.PathOf("prefix"), problem);
        }
        else if (PlaceholderSharingASegment(prefix) is { } segment)
        {
            f.Reader.Error(node, f.PathOf("prefix"),
                $"each placeholder must be a whole path segment, like 'data/${{poolId}}/${{tenantId}}/', found '{segment}': "
                + "with 'data/${poolId}-${tenantId}/', tenant 'b-c' of pool 'a' and tenant 'c' of pool 'a-b' would share one prefix");
        }

        return prefix.EndsWith('/') ? prefix : prefix + "/";
    }

    // Ids may contain '-', '.' and '_', so two ids glued in one segment (or an id beside text) can spell the
    // same key for different owners; a whole segment per id keeps every owner's prefix apart.
    private static string? PlaceholderSharingASegment(string prefix) =>
        prefix.Split('/').FirstOrDefault(segment => segment.Contains("${", StringComparison.Ordinal) && !Placeholders.Contains(segment));

    private static void ReadMappings(YamlFieldReader reader, YamlNode node, string path, List<SyncMapping> mappings, List<YamlNode> pathNodes)
    {
        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            reader.Error(node, path, $"expected a non-empty list of mappings, found {YamlFieldReader.Describe(node)}");
            return;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = YamlFieldReader.Item(path, i);
            if (reader.Mapping(sequence.Children[i], itemPath, MappingFields) is not { } f)
            {
                continue;
            }

            var before = reader.ErrorCount;
            var containerPath = f.RequiredString("container_path");
            if (containerPath is not null && (!containerPath.StartsWith('/') || RelativePathProblem(containerPath.TrimStart('/')) is not null))
            {
                reader.Error(f["container_path"]!, f.PathOf("container_path"), $"expected an absolute path without '..', found '{containerPath}'");
            }

            var sinkPath = f.String("sink_path") ?? "";
            if (sinkPath.Length > 0 && RelativePathProblem(sinkPath) is { } problem)
            {
                reader.Error(f["sink_path"]!, f.PathOf("sink_path"), problem);
            }

            var pattern = f.String("pattern");
            if (pattern is not null && (pattern.Length == 0 || !PatternCharacters().IsMatch(pattern) || pattern.StartsWith('/') || pattern.Split('/').Contains("..")))
            {
                reader.Error(f["pattern"]!, f.PathOf("pattern"), $"expected a relative glob such as '*.json' or '**/*.log', found '{pattern}'");
            }

            var direction = Choice(f, "direction", SyncYamlWords.Directions, required: false) ?? SyncDirectionMode.Bidirectional;
            var mode = Choice(f, "mode", SyncYamlWords.Modes, required: false) ?? SyncMode.Sync;
            var limits = SyncLimitsParser.Read(f);
            if (reader.ErrorCount == before && containerPath is not null)
            {
                var normalized = containerPath.Length > 1 ? containerPath.TrimEnd('/') : containerPath;
                mappings.Add(new SyncMapping(normalized, pattern, sinkPath.Length == 0 || sinkPath.EndsWith('/') ? sinkPath : sinkPath + "/", direction, mode, Limits: limits));
                pathNodes.Add(f["container_path"]!);
            }
        }
    }

    private static SyncPolicy? ReadPolicy(YamlFieldReader reader, YamlNode node, string path)
    {
        if (reader.Mapping(node, path, PolicyFields) is not { } f)
        {
            return null;
        }

        var before = reader.ErrorCount;
        var interval = f.Duration("interval");
        if (interval is { } i && i < TimeSpan.FromSeconds(1))
        {
            reader.Error(f["interval"]!, f.PathOf("interval"), "must be at least 1s");
        }

        var policy = new SyncPolicy(f.Bool("on_claim") ?? true, f.Bool("on_release") ?? true, interval, f.Bool("allow_manual_trigger") ?? true);
        return reader.ErrorCount == before ? policy : null;
    }

    /// <summary>Why a relative, '/'-separated path is unsafe, or null: absolute, '..', '.', empty segments, backslashes, control characters.</summary>
    public static string? RelativePathProblem(string path)
    {
        if (path.StartsWith('/'))
        {
            return $"must be relative (no leading '/'), found '{path}'";
        }

        if (path.Any(c => c == '\\' || char.IsControl(c) || c == '%'))
        {
            return $"must not contain '\\', '%' or control characters, found '{path}'";
        }

        var segments = path.TrimEnd('/').Split('/');
        return segments.Any(s => s is "" or "." or "..") ? $"must not contain empty, '.' or '..' segments, found '{path}'" : null;
    }

    private static T? Choice<T>(YamlFields f, string key, IReadOnlyDictionary<string, T> choices, bool required) where T : struct
    {
        var value = required ? f.RequiredString(key) : f.String(key);
        if (value is null)
        {
            return null;
        }

        if (choices.TryGetValue(value, out var choice))
        {
            return choice;
        }

        f.Reader.Error(f[key]!, f.PathOf(key), $"expected one of {string.Join(", ", choices.Keys)}, found '{value}'");
        return null;
    }

    /// <summary>Fields of other sink types are mistakes worth naming.</summary>
    private static void OnlyFor(YamlFields f, string type, params string[] others)
    {
        foreach (var key in others.Where(f.Has))
        {
            f.Reader.Error(f[key]!, f.PathOf(key), $"'{key}' does not apply to a sink of type {type}");
        }
    }
}
