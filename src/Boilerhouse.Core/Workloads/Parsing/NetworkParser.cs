using System.Net;
using System.Net.Sockets;
using YamlDotNet.RepresentationModel;
using Boilerhouse.Core.Yaml;

namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>
/// Reads <c>x-boilerhouse.network</c> (<c>egress: allow | deny</c>) and the compose <c>dns</c> field, and
/// checks them against the network mode and ports: egress applies to the pool's own network only, and
/// a denied egress (a Docker internal network) cannot be reached through published ports.
/// </summary>
internal static class NetworkParser
{
    private static readonly string[] Fields = ["egress"];

    /// <summary>What the x-boilerhouse.network block said: the egress (null when absent or wrong) and where.</summary>
    public sealed record Block(Egress? Egress, YamlNode? Node, string Path);

    public static Block Read(YamlFieldReader reader, YamlNode node, string path)
    {
        if (reader.Mapping(node, path, Fields) is not { } f || f["egress"] is not { } egressNode)
        {
            return new Block(null, null, YamlFieldReader.Child(path, "egress"));
        }

        var egressPath = f.PathOf("egress");
        Egress? egress = f.String("egress") switch
        {
            null => null,
            "allow" => Egress.Allow,
            "deny" => Egress.Deny,
            var other => Invalid(reader, egressNode, egressPath, $"expected allow or deny, found '{other}'"),
        };
        return new Block(egress, egressNode, egressPath);
    }

    /// <summary>The compose dns field: one IP address or a list of them.</summary>
    public static IReadOnlyList<string> Dns(YamlFields f)
    {
        if (f["dns"] is not { } node)
        {
            return [];
        }

        var servers = node is YamlScalarNode ? (f.String("dns") is { } one ? [one] : null) : f.StringList("dns");
        if (servers is null)
        {
            return [];
        }

        var result = new List<string>();
        for (var i = 0; i < servers.Count; i++)
        {
            var itemNode = node is YamlSequenceNode list ? list.Children[i] : node;
            var path = node is YamlSequenceNode ? YamlFieldReader.Item(f.PathOf("dns"), i) : f.PathOf("dns");
            if (IPAddress.TryParse(servers[i], out var address) && address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            {
                result.Add(address.ToString());
            }
            else
            {
                f.Reader.Error(itemNode, path, $"expected the IP address of a DNS server (e.g. 10.0.0.2), found '{servers[i]}'");
            }
        }

        return result;
    }

    /// <summary>The workload's network spec; the egress default is deny unless ports are published.</summary>
    public static NetworkSpec Resolve(YamlFieldReader reader, Block? block, IReadOnlyList<string> dns, string networkMode, bool publishesPorts)
    {
        var egress = block?.Egress;
        if (egress is not null && networkMode != SecureDefaults.NetworkMode)
        {
            reader.Error(block!.Node!, block.Path,
                $"egress applies to the pool's own network (network_mode: {SecureDefaults.NetworkMode}, the default), not to network_mode: {networkMode}");
        }
        else if (egress == Egress.Deny && publishesPorts)
        {
            reader.Error(block!.Node!, block.Path,
                "deny makes the pool network internal, which published ports cannot reach; remove the ports or write egress: allow");
        }

        return new NetworkSpec(egress ?? NetworkSpec.DefaultEgress(publishesPorts), dns);
    }

    private static Egress? Invalid(YamlFieldReader reader, YamlNode node, string path, string message)
    {
        reader.Error(node, path, message);
        return null;
    }
}
