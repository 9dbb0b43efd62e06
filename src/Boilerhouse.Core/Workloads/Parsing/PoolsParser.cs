using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>Reads <c>x-boilerhouse.pools</c>: a non-empty list of pools, each with a unique id, its sizes and optionally its own placement.</summary>
internal static class PoolsParser
{
    private static readonly string[] Fields = ["id", "min_size", "max_size", "idle_timeout", "placement"];

    /// <summary>The pools, or null when the list had errors (each reported).</summary>
    public static IReadOnlyList<WorkloadPool>? Read(YamlFieldReader reader, YamlNode node, string path)
    {
        if (node is not YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            reader.Error(node, path, $"expected a non-empty list of pools such as [{{id: web-eu, min_size: 1, max_size: 3}}], found {YamlFieldReader.Describe(node)}");
            return null;
        }

        var before = reader.ErrorCount;
        var pools = new List<WorkloadPool>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemPath = YamlFieldReader.Item(path, i);
            if (reader.Mapping(sequence.Children[i], itemPath, Fields) is not { } f)
            {
                continue;
            }

            var id = f.RequiredString("id");
            if (id is not null && !ResourceId.IsValid(id))
            {
                reader.Error(f["id"]!, f.PathOf("id"), $"'{id}' is not a valid pool id: {ResourceId.Rule}");
                id = null;
            }
            else if (id is not null && pools.Any(p => p.Id == id))
            {
                reader.Error(f["id"]!, f.PathOf("id"), $"pool id '{id}' is declared twice in this workload");
                id = null;
            }

            var sizing = BoilerhouseExtensionParser.ReadSizes(reader, f);
            var placement = f["placement"] is { } placementNode ? PlacementParser.Read(reader, placementNode, f.PathOf("placement")) : null;
            if (id is not null && sizing is not null)
            {
                pools.Add(new WorkloadPool(id, sizing, placement));
            }
        }

        return reader.ErrorCount == before ? pools.AsReadOnly() : null;
    }
}
