using YamlDotNet.RepresentationModel;
using Boilerhouse.Core.Yaml;

namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>
/// Compose's two spellings of environment and labels: a mapping <c>KEY: value</c> or a list of
/// <c>KEY=VALUE</c> strings. Scalar values become strings; nested values are errors.
/// </summary>
internal static class ComposeKeyValues
{
    public sealed record Entry(string Key, string? Value, YamlNode Node);

    /// <summary>Entries in file order; a key without a value has a null Value, and the caller decides what that means.</summary>
    public static IReadOnlyList<Entry>? Read(YamlFieldReader reader, YamlNode node, string path)
    {
        var before = reader.ErrorCount;
        var entries = new List<Entry>();
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (keyNode, value) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
                    {
                        reader.Error(keyNode, path, $"keys must be strings, found {YamlFieldReader.Describe(keyNode)}");
                    }
                    else if (YamlFieldReader.IsNull(value))
                    {
                        entries.Add(new Entry(key, null, keyNode));
                    }
                    else if (value is YamlScalarNode scalar)
                    {
                        entries.Add(new Entry(key, scalar.Value ?? "", keyNode));
                    }
                    else
                    {
                        reader.Error(value, YamlFieldReader.Child(path, key), $"expected a string, number or boolean, found {YamlFieldReader.Describe(value)}");
                    }
                }

                break;

            case YamlSequenceNode sequence:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    if (reader.String(sequence.Children[i], YamlFieldReader.Item(path, i)) is not { } item)
                    {
                        continue;
                    }

                    var equals = item.IndexOf('=', StringComparison.Ordinal);
                    var key = equals < 0 ? item : item[..equals];
                    if (key.Length == 0)
                    {
                        reader.Error(sequence.Children[i], YamlFieldReader.Item(path, i), $"expected KEY=VALUE, found '{item}'");
                    }
                    else if (!seen.Add(key))
                    {
                        reader.Error(sequence.Children[i], YamlFieldReader.Item(path, i), $"'{key}' is set more than once");
                    }
                    else
                    {
                        entries.Add(new Entry(key, equals < 0 ? null : item[(equals + 1)..], sequence.Children[i]));
                    }
                }

                break;

            default:
                reader.Error(node, path, $"expected a mapping or a list of KEY=VALUE strings, found {YamlFieldReader.Describe(node)}");
                break;
        }

        return reader.ErrorCount == before ? entries : null;
    }
}
