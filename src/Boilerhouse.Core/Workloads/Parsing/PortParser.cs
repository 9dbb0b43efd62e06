using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using YamlDotNet.RepresentationModel;
using Boilerhouse.Core.Yaml;

namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>
/// Reads compose <c>ports</c>, short (<c>[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]</c>) and long
/// syntax. Unlike Compose, the host IP defaults to 127.0.0.1: publishing on every interface must be
/// asked for with 0.0.0.0.
/// </summary>
internal static class PortParser
{
    private static readonly string[] LongFields = ["target", "published", "host_ip", "protocol"];

    public sealed record Entry(PortSpec Port, YamlNode Node, string Path);

    public static IReadOnlyList<Entry> Read(YamlFieldReader reader, YamlNode node, string path)
    {
        if (node is not YamlSequenceNode sequence)
        {
            reader.Error(node, path, $"expected a list of ports, found {YamlFieldReader.Describe(node)}");
            return [];
        }

        var entries = new List<Entry>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            var itemPath = YamlFieldReader.Item(path, i);
            var port = item is YamlMappingNode ? ReadLong(reader, item, itemPath) : ReadShort(reader, item, itemPath);
            if (port is null)
            {
                continue;
            }

            if (entries.FirstOrDefault(e => e.Port.ContainerPort == port.ContainerPort && e.Port.Protocol == port.Protocol) is { } clash)
            {
                reader.Error(item, itemPath, $"container port {port.ContainerPort}/{port.Protocol} is already published by {clash.Path}");
                continue;
            }

            entries.Add(new Entry(port, item, itemPath));
        }

        return entries;
    }

    /// <summary>Parses the short syntax, e.g. "8080", "9000:8080", "127.0.0.1::8080/udp", "[::1]:9000:8080".</summary>
    internal static bool TryParseShort(string text, [NotNullWhen(true)] out PortSpec? port, [NotNullWhen(false)] out string? error)
    {
        port = null;
        var spec = text.Trim();
        var protocol = "tcp";
        var slash = spec.LastIndexOf('/');
        if (slash >= 0)
        {
            protocol = spec[(slash + 1)..].ToLowerInvariant();
            spec = spec[..slash];
        }

        string? hostIp = null;
        string[] parts;
        if (spec.StartsWith('['))
        {
            var close = spec.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= spec.Length || spec[close + 1] != ':')
            {
                error = $"'{text}' has a malformed [IPv6] host address";
                return false;
            }

            hostIp = spec[1..close];
            parts = spec[(close + 2)..].Split(':');
            if (parts.Length != 2)
            {
                error = $"'{text}' should be [HOST_IP]:HOST_PORT:CONTAINER_PORT (HOST_PORT may be empty)";
                return false;
            }
        }
        else
        {
            parts = spec.Split(':');
            switch (parts.Length)
            {
                case 1 or 2:
                    break;
                case 3:
                    hostIp = parts[0];
                    parts = parts[1..];
                    break;
                default:
                    error = $"'{text}' should be [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL] (put an IPv6 host address in brackets)";
                    return false;
            }
        }

        var hostPort = parts.Length == 2 ? parts[0] : "";
        return TryBuild(text, parts[^1], hostPort.Length == 0 ? null : hostPort, hostIp, protocol, out port, out error);
    }

    private static PortSpec? ReadShort(YamlFieldReader reader, YamlNode node, string path)
    {
        if (reader.String(node, path) is not { } text)
        {
            return null;
        }

        if (!TryParseShort(text, out var port, out var error))
        {
            reader.Error(node, path, error);
        }

        return port;
    }

    private static PortSpec? ReadLong(YamlFieldReader reader, YamlNode node, string path)
    {
        if (reader.Mapping(node, path, LongFields) is not { } f || f.Required("target") is not { } target)
        {
            return null;
        }

        var before = reader.ErrorCount;
        var containerPort = reader.String(target, f.PathOf("target"));
        var published = f.String("published");
        var hostIp = f.String("host_ip");
        var protocol = f.String("protocol")?.ToLowerInvariant() ?? "tcp";
        if (reader.ErrorCount > before || containerPort is null)
        {
            return null;
        }

        if (!TryBuild(containerPort, containerPort, published is { Length: > 0 } ? published : null, hostIp, protocol, out var port, out var error))
        {
            reader.Error(node, path, error);
        }

        return port;
    }

    private static bool TryBuild(string text, string containerPort, string? hostPort, string? hostIp, string protocol,
        [NotNullWhen(true)] out PortSpec? port, [NotNullWhen(false)] out string? error)
    {
        port = null;
        if (protocol is not ("tcp" or "udp"))
        {
            error = $"protocol must be tcp or udp, found '{protocol}'";
            return false;
        }

        if (containerPort.Contains('-', StringComparison.Ordinal) || hostPort?.Contains('-', StringComparison.Ordinal) == true)
        {
            error = $"'{text}': port ranges are not supported";
            return false;
        }

        if (!TryPort(containerPort, out var target))
        {
            error = $"container port must be a number from 1 to 65535, found '{containerPort}'";
            return false;
        }

        int? published = null;
        if (hostPort is not null)
        {
            if (!TryPort(hostPort, out var p))
            {
                error = $"host port must be a number from 1 to 65535, found '{hostPort}'";
                return false;
            }

            published = p;
        }

        var ip = string.IsNullOrEmpty(hostIp) ? SecureDefaults.HostIp : hostIp;
        if (!IPAddress.TryParse(ip, out _))
        {
            error = $"host IP must be an IP address like 127.0.0.1 or 0.0.0.0, found '{ip}'";
            return false;
        }

        port = new PortSpec(target, protocol, ip, published);
        error = null;
        return true;
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;
}
