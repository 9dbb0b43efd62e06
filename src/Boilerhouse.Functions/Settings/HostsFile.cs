using System.Globalization;
using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Docker;
using Boilerhouse.Orchestration.Hosts;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Boilerhouse.Functions.Settings;

/// <summary>
/// Reads the hosts file (config/hosts.yaml): the Docker hosts, their TLS files, labels and capacity.
/// An error names the file, line and field. Relative paths are relative to the file's folder. Only
/// file names are ever reported, never what is in a key file.
/// </summary>
public static class HostsFile
{
    private static readonly string[] RootFields = ["hosts"];
    private static readonly string[] HostFields = ["id", "endpoint", "tls", "labels", "capacity"];
    private static readonly string[] TlsFields = ["cert_path", "ca", "cert", "key"];
    private static readonly string[] CapacityFields = ["max_containers", "cpus", "memory"];

    /// <summary>The hosts the file lists; none when it is empty or all comments.</summary>
    public static IReadOnlyList<HostDefinition> Read(string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlException e)
        {
            throw new SettingsException($"{path} line {e.Start.Line}: invalid YAML: {e.Message}");
        }
        catch (IOException e)
        {
            throw new SettingsException($"{path} cannot be read: {e.Message}");
        }

        var file = new Reader(path);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        var root = file.Mapping(stream.Documents[0].RootNode, "", RootFields);
        if (!root.TryGetValue("hosts", out var hostsNode) || IsNull(hostsNode))
        {
            return [];
        }

        if (hostsNode is not YamlSequenceNode sequence)
        {
            throw file.Error(hostsNode, "hosts", "expected a list of hosts");
        }

        var hosts = new List<HostDefinition>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var host = ReadHost(file, sequence.Children[i], $"hosts[{i}]");
            if (hosts.Any(h => h.Id == host.Id))
            {
                throw file.Error(sequence.Children[i], $"hosts[{i}].id", $"'{host.Id}' is listed twice");
            }

            hosts.Add(host);
        }

        return hosts;
    }

    private static HostDefinition ReadHost(Reader file, YamlNode node, string path)
    {
        var f = file.Mapping(node, path, HostFields);
        var id = file.RequiredString(f, node, path, "id");
        if (!ResourceId.IsValid(id))
        {
            throw file.Error(f["id"], $"{path}.id", $"'{id}' is not a valid id: {ResourceId.Rule}");
        }

        var endpointText = file.RequiredString(f, node, path, "endpoint");
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var uri) || uri.Scheme is not ("unix" or "tcp"))
        {
            throw file.Error(f["endpoint"], $"{path}.endpoint", $"'{endpointText}' is not a unix:///path or tcp://host:port address");
        }

        var endpoint = new DockerEndpoint { Uri = uri };
        if (f.TryGetValue("tls", out var tls))
        {
            if (uri.Scheme == "unix")
            {
                throw file.Error(tls, $"{path}.tls", "a unix socket does not use TLS; remove tls or use a tcp:// endpoint");
            }

            endpoint = ReadTls(file, tls, $"{path}.tls", endpoint);
        }
        else if (uri.Scheme == "tcp")
        {
            // The Docker API is root on its machine: never spoken in clear over the network.
            throw file.Error(f["endpoint"], $"{path}.tls", $"host '{id}' at {endpointText} needs tls (cert_path, or ca, cert and key): Boilerhouse talks to remote engines only over mutual TLS");
        }

        var labels = f.TryGetValue("labels", out var labelsNode) ? ReadLabels(file, labelsNode, $"{path}.labels") : new Dictionary<string, string>();
        var capacity = f.TryGetValue("capacity", out var capacityNode) ? ReadCapacity(file, capacityNode, $"{path}.capacity") : HostCapacity.Unlimited;
        CheckClient(file, f["endpoint"], path, endpoint);
        return new HostDefinition(id, endpoint, labels, capacity);
    }

    private static DockerEndpoint ReadTls(Reader file, YamlNode node, string path, DockerEndpoint endpoint)
    {
        var f = file.Mapping(node, path, TlsFields);
        string? PathOf(string key) => f.TryGetValue(key, out var n) ? file.FullPath(file.String(n, $"{path}.{key}")) : null;
        var tls = endpoint with
        {
            TlsCertDirectory = PathOf("cert_path"),
            TlsCaFile = PathOf("ca"),
            TlsCertFile = PathOf("cert"),
            TlsKeyFile = PathOf("key"),
        };
        if (tls.TlsCertDirectory is null && (tls.TlsCertFile is null || tls.TlsKeyFile is null))
        {
            throw file.Error(node, path, "needs cert_path (a folder with ca.pem, cert.pem, key.pem) or cert and key (and ca)");
        }

        return tls;
    }

    /// <summary>Loads the TLS files once now, so a missing or unreadable one stops the start-up naming it.</summary>
    private static void CheckClient(Reader file, YamlNode? node, string path, DockerEndpoint endpoint)
    {
        try
        {
            using var client = DockerClientFactory.Create(endpoint);
        }
        catch (InvalidOperationException e)
        {
            throw file.Error(node, $"{path}.tls", e.Message);
        }
    }

    private static Dictionary<string, string> ReadLabels(Reader file, YamlNode node, string path)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in file.Mapping(node, path, allowed: null))
        {
            labels[key] = file.String(value, $"{path}.{key}");
        }

        return labels;
    }

    private static HostCapacity ReadCapacity(Reader file, YamlNode node, string path)
    {
        var f = file.Mapping(node, path, CapacityFields);
        int? maxContainers = null;
        decimal? cpus = null;
        long? memory = null;
        if (f.TryGetValue("max_containers", out var m))
        {
            maxContainers = int.TryParse(file.String(m, $"{path}.max_containers"), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw file.Error(m, $"{path}.max_containers", "expected a whole number of 0 or more");
        }

        if (f.TryGetValue("cpus", out var c))
        {
            cpus = decimal.TryParse(file.String(c, $"{path}.cpus"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw file.Error(c, $"{path}.cpus", "expected a number of CPUs greater than 0, like 4 or 1.5");
        }

        if (f.TryGetValue("memory", out var mem))
        {
            memory = ByteSize.TryParse(file.String(mem, $"{path}.memory"), out var value) && value > 0
                ? value
                : throw file.Error(mem, $"{path}.memory", "expected a size like 512M or 16G");
        }

        return new HostCapacity(maxContainers, cpus, memory);
    }

    private static bool IsNull(YamlNode node) => node is YamlScalarNode { Value: null or "" or "~" or "null" } scalar && scalar.Style == ScalarStyle.Plain;

    private sealed class Reader(string file)
    {
        private readonly string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file))!;

        public Dictionary<string, YamlNode> Mapping(YamlNode node, string path, string[]? allowed)
        {
            if (node is not YamlMappingNode mapping)
            {
                throw Error(node, path, "expected a mapping (key: value lines)");
            }

            var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (keyNode, value) in mapping.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                var where = path.Length == 0 ? key : $"{path}.{key}";
                if (allowed is not null && !allowed.Contains(key))
                {
                    throw Error(keyNode, where, $"unknown field; expected one of {string.Join(", ", allowed)}");
                }

                fields[key] = value;
            }

            return fields;
        }

        public string String(YamlNode node, string path) =>
            node is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw Error(node, path, "expected a value");

        public string RequiredString(Dictionary<string, YamlNode> fields, YamlNode owner, string path, string key) =>
            fields.TryGetValue(key, out var node) ? String(node, $"{path}.{key}") : throw Error(owner, $"{path}.{key}", "is required");

        public string FullPath(string path) => System.IO.Path.GetFullPath(path, folder);

        public SettingsException Error(YamlNode? node, string field, string message) =>
            new($"{file}{(node is null ? "" : $" line {node.Start.Line}")}, {field}: {message}");
    }
}
