using Boilerhouse.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>Reads <c>x-boilerhouse.routing</c>: <c>port</c>, <c>public</c>, <c>claim_on_request</c>.</summary>
internal static class RoutingParser
{
    private static readonly string[] Fields = ["port", "public", "claim_on_request"];

    public sealed record Parsed(RoutingSpec Spec, YamlNode? PortNode, string PortPath);

    public static Parsed? Read(YamlFieldReader reader, YamlNode node, string path)
    {
        if (reader.Mapping(node, path, Fields) is not { } f)
        {
            return null;
        }

        var before = reader.ErrorCount;
        var port = f.Integer("port", min: 1, max: 65535);
        var spec = new RoutingSpec(port, f.Bool("public") ?? false, f.Bool("claim_on_request") ?? false);
        return reader.ErrorCount == before ? new Parsed(spec, f["port"], f.PathOf("port")) : null;
    }

    /// <summary>The routing port must be one the workload publishes: requests reach the container through its published port.</summary>
    public static RoutingSpec? CheckPort(YamlFieldReader reader, Parsed parsed, IReadOnlyList<PortSpec> ports)
    {
        if (parsed.Spec.Port is { } port && parsed.PortNode is { } node && !ports.Any(p => p.ContainerPort == port && IsTcp(p)))
        {
            var published = ports.Where(IsTcp).Select(p => p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            reader.Error(node, parsed.PortPath, published.Count == 0
                ? $"port {port} is not published: add it to ports (e.g. \"{port}\")"
                : $"port {port} is not one of the published tcp ports ({string.Join(", ", published)})");
            return null;
        }

        return parsed.Spec;
    }

    private static bool IsTcp(PortSpec port) => string.IsNullOrEmpty(port.Protocol) || port.Protocol.Equals("tcp", StringComparison.OrdinalIgnoreCase);
}
