using System.Globalization;
using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Core.Workloads.Parsing;
using Boilerhouse.Core.Yaml;
using Boilerhouse.Docker;
using Boilerhouse.Orchestration.Hosts;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Boilerhouse.Functions.Settings;

/// <summary>
/// Reads the hosts file (config/hosts.yaml): the Docker hosts, their TLS files, labels and capacity.
/// Every error names the file, line and field. Relative paths are relative to the file's folder. Only
/// file names are ever reported, never what is in a key file.
/// </summary>
public static class HostsFile
{
    private static readonly string[] RootFields = ["hosts"];
    private static readonly string[] HostFields = ["id", "endpoint", "tls", "labels", "capacity", "advertise_address"];
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

        if (stream.Documents.Count == 0 || YamlFieldReader.IsNull(stream.Documents[0].RootNode))
        {
            return [];
        }

        var reader = new YamlFieldReader(path);
        var hosts = ReadHosts(reader, stream.Documents[0].RootNode);
        return reader.ErrorCount == 0
            ? hosts
            : throw new SettingsException(string.Join(Environment.NewLine, reader.Errors.Select(Describe)));
    }

    private static List<HostDefinition> ReadHosts(YamlFieldReader reader, YamlNode root)
    {
        var hosts = new List<HostDefinition>();
        if (reader.Mapping(root, "", RootFields) is not { } f || f["hosts"] is not { } hostsNode)
        {
            return hosts;
        }

        if (hostsNode is not YamlSequenceNode sequence)
        {
            reader.Error(hostsNode, "hosts", "expected a list of hosts");
            return hosts;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (ReadHost(reader, sequence.Children[i], YamlFieldReader.Item("hosts", i)) is not { } host)
            {
                continue;
            }

            if (hosts.Any(h => h.Id == host.Id))
            {
                reader.Error(sequence.Children[i], YamlFieldReader.Child(YamlFieldReader.Item("hosts", i), "id"), $"'{host.Id}' is listed twice");
            }

            hosts.Add(host);
        }

        return hosts;
    }

    private static HostDefinition? ReadHost(YamlFieldReader reader, YamlNode node, string path)
    {
        if (reader.Mapping(node, path, HostFields) is not { } f)
        {
            return null;
        }

        var before = reader.ErrorCount;
        var id = f.RequiredString("id");
        if (id is not null && !ResourceId.IsValid(id))
        {
            reader.Error(f["id"]!, f.PathOf("id"), $"'{id}' is not a valid id: {ResourceId.Rule}");
        }

        var endpoint = Endpoint(f, id);
        var advertise = f["advertise_address"] is { } advertiseNode ? AdvertiseAddress(f, advertiseNode) : null;
        var labels = f["labels"] is { } labelsNode ? ReadLabels(reader, labelsNode, f.PathOf("labels")) : [];
        var capacity = f["capacity"] is { } capacityNode ? ReadCapacity(reader, capacityNode, f.PathOf("capacity")) : HostCapacity.Unlimited;
        if (reader.ErrorCount > before || id is null || endpoint is null)
        {
            return null;
        }

        CheckClient(reader, f["endpoint"]!, path, endpoint);
        return new HostDefinition(id, endpoint with { AdvertiseAddress = advertise }, labels, capacity);
    }

    private static DockerEndpoint? Endpoint(YamlFields f, string? id)
    {
        if (f.RequiredString("endpoint") is not { } text)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("unix" or "tcp"))
        {
            f.Reader.Error(f["endpoint"]!, f.PathOf("endpoint"), $"'{text}' is not a unix:///path or tcp://host:port address");
            return null;
        }

        var endpoint = new DockerEndpoint { Uri = uri };
        if (f["tls"] is { } tls)
        {
            if (uri.Scheme == "unix")
            {
                f.Reader.Error(tls, f.PathOf("tls"), "a unix socket does not use TLS; remove tls or use a tcp:// endpoint");
                return null;
            }

            return ReadTls(f.Reader, tls, f.PathOf("tls"), endpoint);
        }

        if (uri.Scheme == "tcp")
        {
            // The Docker API is root on its machine: never spoken in clear over the network.
            f.Reader.Error(f["endpoint"]!, f.PathOf("tls"), $"host '{id}' at {text} needs tls (cert_path, or ca, cert and key): Boilerhouse talks to remote engines only over mutual TLS");
            return null;
        }

        return endpoint;
    }

    /// <summary>An IP address of the engine's machine that this process can reach: Docker publishes ports on an address, never a name.</summary>
    private static string? AdvertiseAddress(YamlFields f, YamlNode node)
    {
        if (f.String("advertise_address") is not { } text)
        {
            return null;
        }

        if (!System.Net.IPAddress.TryParse(text, out var ip) || text.Contains('/', StringComparison.Ordinal)
            || ip.Equals(System.Net.IPAddress.Any) || ip.Equals(System.Net.IPAddress.IPv6Any))
        {
            f.Reader.Error(node, f.PathOf("advertise_address"),
                $"'{text}' is not a usable IP address: give the address of the engine's machine where its published ports are reachable, like 10.0.0.12 (not a name, not 0.0.0.0)");
            return null;
        }

        return ip.ToString();
    }

    private static DockerEndpoint? ReadTls(YamlFieldReader reader, YamlNode node, string path, DockerEndpoint endpoint)
    {
        if (reader.Mapping(node, path, TlsFields) is not { } f)
        {
            return null;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(reader.File))!;
        string? FullPath(string key) => f.String(key) is { Length: > 0 } file
            ? Path.GetFullPath(file, folder)
            : f.Has(key) ? Invalid(key) : null;
        string? Invalid(string key)
        {
            reader.Error(f[key]!, f.PathOf(key), "expected a file path");
            return null;
        }

        var tls = endpoint with
        {
            TlsCertDirectory = FullPath("cert_path"),
            TlsCaFile = FullPath("ca"),
            TlsCertFile = FullPath("cert"),
            TlsKeyFile = FullPath("key"),
        };
        if (tls.TlsCertDirectory is null && (tls.TlsCertFile is null || tls.TlsKeyFile is null))
        {
            reader.Error(node, path, "needs cert_path (a folder with ca.pem, cert.pem, key.pem) or cert and key (and ca)");
            return null;
        }

        return tls;
    }

    /// <summary>Loads the TLS files once now, so a missing or unreadable one stops the start-up naming it.</summary>
    private static void CheckClient(YamlFieldReader reader, YamlNode node, string path, DockerEndpoint endpoint)
    {
        try
        {
            using var client = DockerClientFactory.Create(endpoint);
        }
        catch (InvalidOperationException e)
        {
            reader.Error(node, YamlFieldReader.Child(path, "tls"), e.Message);
        }
    }

    private static Dictionary<string, string> ReadLabels(YamlFieldReader reader, YamlNode node, string path)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is not YamlMappingNode mapping)
        {
            reader.Error(node, path, $"expected a mapping of label names to values, found {YamlFieldReader.Describe(node)}");
            return labels;
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            if (reader.String(keyNode, path) is { } key && reader.String(value, YamlFieldReader.Child(path, key)) is { } text)
            {
                labels[key] = text;
            }
        }

        return labels;
    }

    private static HostCapacity ReadCapacity(YamlFieldReader reader, YamlNode node, string path)
    {
        if (reader.Mapping(node, path, CapacityFields) is not { } f)
        {
            return HostCapacity.Unlimited;
        }

        int? maxContainers = null;
        decimal? cpus = null;
        long? memory = null;
        if (f.String("max_containers") is { } m)
        {
            maxContainers = int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : Invalid<int>(f, "max_containers", "expected a whole number of 0 or more");
        }

        if (f.String("cpus") is { } c)
        {
            cpus = decimal.TryParse(c, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : Invalid<decimal>(f, "cpus", "expected a number of CPUs greater than 0, like 4 or 1.5");
        }

        if (f.String("memory") is { } mem)
        {
            memory = ByteSize.TryParse(mem, out var value) && value > 0
                ? value
                : Invalid<long>(f, "memory", "expected a size like 512M or 16G");
        }

        return new HostCapacity(maxContainers, cpus, memory);
    }

    private static T? Invalid<T>(YamlFields f, string key, string message) where T : struct
    {
        f.Reader.Error(f[key]!, f.PathOf(key), message);
        return null;
    }

    // The settings' format: "file line N, field: message".
    private static string Describe(WorkloadError error) =>
        $"{error.File}{(error.Line is { } line ? $" line {line}" : "")}, {error.Field}: {error.Message}";
}
