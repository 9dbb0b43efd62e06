using Boilerhouse.Core.Yaml;
namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>Reads <c>x-boilerhouse.placement</c>: <c>labels</c> a Docker host must carry (mapping or KEY=VALUE list).</summary>
internal static class PlacementParser
{
    private static readonly string[] Fields = ["labels"];

    public static PlacementSpec? Read(YamlFieldReader reader, YamlDotNet.RepresentationModel.YamlNode node, string path)
    {
        if (reader.Mapping(node, path, Fields) is not { } f)
        {
            return null;
        }

        if (f["labels"] is not { } labelsNode)
        {
            return PlacementSpec.Anywhere;
        }

        var before = reader.ErrorCount;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in ComposeKeyValues.Read(reader, labelsNode, f.PathOf("labels")) ?? [])
        {
            if (entry.Value is null)
            {
                reader.Error(entry.Node, YamlFieldReader.Child(f.PathOf("labels"), entry.Key), "needs a value: a host must carry this label with this value");
                continue;
            }

            labels[entry.Key] = entry.Value;
        }

        return reader.ErrorCount == before ? new PlacementSpec(labels) : null;
    }
}
