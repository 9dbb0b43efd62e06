using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Boilerhouse.Core.Yaml;

/// <summary>
/// Converts YAML to System.Text.Json nodes with YAML 1.2 core-schema typing: only plain (unquoted)
/// scalars become booleans, numbers or null, so <c>"true"</c> stays a string and <c>true</c> does not.
/// </summary>
internal static partial class YamlJson
{
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    /// <summary>Converts the node, reporting values JSON cannot hold; returns null for JSON null too, so check errors.</summary>
    public static JsonNode? ToJson(YamlFieldReader reader, YamlNode node, string path)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, value) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        reader.Error(keyNode, path, $"JSON object keys must be strings, found {YamlFieldReader.Describe(keyNode)}");
                        continue;
                    }

                    obj[key] = ToJson(reader, value, YamlFieldReader.Child(path, key));
                }

                return obj;

            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    array.Add(ToJson(reader, sequence.Children[i], YamlFieldReader.Item(path, i)));
                }

                return array;

            case YamlScalarNode scalar:
                return Scalar(reader, scalar, path);

            default:
                reader.Error(node, path, "unsupported YAML node");
                return null;
        }
    }

    private static JsonNode? Scalar(YamlFieldReader reader, YamlScalarNode scalar, string path)
    {
        var text = scalar.Value ?? "";
        if (!YamlFieldReader.IsPlain(scalar))
        {
            return JsonValue.Create(text);
        }

        if (YamlFieldReader.IsNull(scalar))
        {
            return null;
        }

        if (YamlFieldReader.AsBool(scalar) is { } flag)
        {
            return JsonValue.Create(flag);
        }

        if (YamlFieldReader.IsInteger(scalar) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (NumberPattern().IsMatch(text))
        {
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
            {
                return JsonValue.Create(exact);
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var approximate) && double.IsFinite(approximate))
            {
                return JsonValue.Create(approximate);
            }
        }

        if (text.ToLowerInvariant() is ".inf" or "+.inf" or "-.inf" or ".nan")
        {
            reader.Error(scalar, path, $"'{text}' has no JSON representation");
            return null;
        }

        return JsonValue.Create(text);
    }
}
