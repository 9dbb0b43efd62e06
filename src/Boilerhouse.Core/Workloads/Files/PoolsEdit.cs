using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Boilerhouse.Core.Workloads.Files;

/// <summary>
/// Writes a workload's whole list of pools into its file's text (the pools API): the <c>pool</c> or
/// <c>pools</c> entry of <c>x-boilerhouse</c> is replaced by a <c>pools</c> list, one pool a line.
/// The rest of the file, comments included, stays as written; comments inside the old entry go.
/// </summary>
public static class PoolsEdit
{
    public static string Write(string yaml, IReadOnlyList<WorkloadPool> pools)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(pools);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root
            || Child(root, "x-boilerhouse") is not YamlMappingNode { Children.Count: > 0 } extension)
        {
            throw new FormatException("the file has no x-boilerhouse mapping to write pools into");
        }

        var flow = extension.Style == YamlDotNet.Core.Events.MappingStyle.Flow;
        var entry = extension.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "pool" or "pools" });
        var anchor = entry.Key ?? extension.Children.First().Key;
        var indent = new string(' ', (int)anchor.Start.Column - 1);
        var items = pools.Select(Render).ToList();
        var block = flow
            ? "pools: [" + string.Join(", ", items) + "]"
            : "pools:" + string.Concat(items.Select(i => "\n" + indent + "  - " + i));
        if (entry.Key is null)
        {
            var start = (int)anchor.Start.Index;
            return yaml.Insert(start, block + (flow ? ", " : "\n" + indent));
        }

        var from = (int)entry.Key.Start.Index;
        return yaml.Remove(from, EndOf(yaml, entry.Value) - from).Insert(from, block);
    }

    private static string Render(WorkloadPool pool)
    {
        var fields = new List<string>
        {
            $"id: {pool.Id}",
            $"min_size: {pool.Sizing.MinSize.ToString(CultureInfo.InvariantCulture)}",
            $"max_size: {pool.Sizing.MaxSize.ToString(CultureInfo.InvariantCulture)}",
            $"idle_timeout: {ComposeDuration.Format(pool.Sizing.IdleTimeout)}",
        };
        if (pool.Placement is { } placement)
        {
            fields.Add("placement: { labels: { " + string.Join(", ", placement.Labels.Select(l => $"{Quote(l.Key)}: {Quote(l.Value)}")) + " } }");
        }

        return "{ " + string.Join(", ", fields) + " }";
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// Where a node's own text ends. A block collection's end mark lies past trailing comments and a
    /// flow collection's is not after its bracket, so both are found from their last child.
    /// </summary>
    private static int EndOf(string yaml, YamlNode node)
    {
        var last = node switch
        {
            YamlMappingNode { Children.Count: > 0 } m => m.Children.Last().Value,
            YamlSequenceNode { Children.Count: > 0 } s => s.Children.Last(),
            _ => null,
        };
        var flow = node is YamlMappingNode { Style: YamlDotNet.Core.Events.MappingStyle.Flow } or YamlSequenceNode { Style: YamlDotNet.Core.Events.SequenceStyle.Flow };
        if (!flow)
        {
            return last is null ? (int)node.End.Index : EndOf(yaml, last);
        }

        var from = last is null ? (int)node.Start.Index + 1 : EndOf(yaml, last);
        return yaml.IndexOfAny(['}', ']'], from) + 1;
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: { } k } && k == key).Value;
}
