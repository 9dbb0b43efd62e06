using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Boilerhouse.Core.Workloads.Files;

/// <summary>
/// Writes new pool sizes into a workload file's text in place: only the numbers change (or a missing
/// key is added beside its siblings), so comments, order and layout stay as the operator wrote them.
/// </summary>
public static class PoolSizeEdit
{
    /// <summary>
    /// The text with <c>x-boilerhouse.pool.min_size</c>/<c>max_size</c> set, or those of the
    /// <c>x-boilerhouse.pools</c> entry with id <paramref name="poolId"/> when the file lists pools;
    /// a null size is left as written.
    /// </summary>
    public static string Apply(string yaml, int? minSize, int? maxSize, string? poolId = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root
            || Child(root, "x-boilerhouse") is not YamlMappingNode extension)
        {
            throw new FormatException("the file has no x-boilerhouse mapping to write pool sizes into");
        }

        var sizes = new List<(string Key, int Value)>();
        if (minSize is { } min)
        {
            sizes.Add(("min_size", min));
        }

        if (maxSize is { } max)
        {
            sizes.Add(("max_size", max));
        }

        if (sizes.Count == 0)
        {
            return yaml;
        }

        var edits = new List<(int Index, int Length, string Text)>();
        if (Child(extension, "pools") is YamlSequenceNode pools)
        {
            var entry = pools.Children.OfType<YamlMappingNode>().FirstOrDefault(p => Child(p, "id") is YamlScalarNode { Value: { } id } && id == poolId)
                ?? throw new FormatException($"x-boilerhouse.pools has no entry with id '{poolId}'");
            edits.AddRange(SetSizes(yaml, entry, sizes, $"x-boilerhouse.pools[{poolId}]"));
        }
        else if (Child(extension, "pool") is not YamlMappingNode pool)
        {
            if (Child(extension, "pool") is not null)
            {
                throw new FormatException("x-boilerhouse.pool is not a mapping");
            }

            var block = "pool: { " + string.Join(", ", sizes.Select(s => $"{s.Key}: {Number(s.Value)}")) + " }";
            edits.Add(InsertBeforeFirstKey(yaml, extension, block));
        }
        else
        {
            edits.AddRange(SetSizes(yaml, pool, sizes, "x-boilerhouse.pool"));
        }

        // Later edits first, so earlier indexes stay valid.
        var text = yaml;
        foreach (var (index, length, replacement) in edits.OrderByDescending(e => e.Index))
        {
            text = text.Remove(index, length).Insert(index, replacement);
        }

        return text;
    }

    private static IEnumerable<(int Index, int Length, string Text)> SetSizes(string yaml, YamlMappingNode pool, List<(string Key, int Value)> sizes, string path)
    {
        foreach (var (key, value) in sizes)
        {
            yield return Child(pool, key) switch
            {
                YamlScalarNode scalar => ((int)scalar.Start.Index, (int)(scalar.End.Index - scalar.Start.Index), Number(value)),
                null => InsertBeforeFirstKey(yaml, pool, $"{key}: {Number(value)}"),
                _ => throw new FormatException($"{path}.{key} is not a number"),
            };
        }
    }

    private static (int Index, int Length, string Text) InsertBeforeFirstKey(string yaml, YamlMappingNode mapping, string entry)
    {
        if (mapping.Children.Count == 0)
        {
            // Only a flow mapping can be empty ({}): write inside its braces.
            var open = yaml.IndexOf('{', (int)mapping.Start.Index);
            return (open + 1, 0, " " + entry + " ");
        }

        var first = mapping.Children.First().Key;
        return mapping.Style == MappingStyle.Flow
            ? ((int)first.Start.Index, 0, entry + ", ")
            : ((int)first.Start.Index, 0, entry + "\n" + new string(' ', (int)first.Start.Column - 1));
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: { } k } && k == key).Value;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
