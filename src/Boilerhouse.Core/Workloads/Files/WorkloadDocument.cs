using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Boilerhouse.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Boilerhouse.Core.Workloads.Files;

/// <summary>
/// A workload file as JSON and back: the API accepts and answers the same document in either form,
/// and a JSON body is rendered to YAML for the file (YAML bodies are stored as sent, comments kept).
/// </summary>
public static class WorkloadDocument
{
    /// <summary>The YAML document as JSON (plain scalars typed as YAML 1.2's core schema does); null when it does not parse.</summary>
    public static JsonNode? ToJson(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            return null;
        }

        return stream.Documents.Count == 1 ? YamlJson.ToJson(new YamlFieldReader(file), stream.Documents[0].RootNode, "") : null;
    }

    /// <summary>Renders a JSON document as block-style YAML; strings are quoted when YAML would read them as something else.</summary>
    public static string ToYaml(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var stream = new YamlStream(new YamlDocument(ToNode(document)));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // YamlStream ends every document with "...": a workload file is one document, so drop it.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text.TrimEnd('.', '\n', '\r') + "\n";
    }

    private static YamlNode ToNode(JsonNode? node) => node switch
    {
        JsonObject obj => new YamlMappingNode(obj.Select(p => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(p.Key), ToNode(p.Value)))),
        JsonArray array => new YamlSequenceNode(array.Select(ToNode)),
        JsonValue value => Scalar(value),
        _ => new YamlScalarNode("null") { Style = ScalarStyle.Plain },
    };

    private static YamlScalarNode Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => new YamlScalarNode(value.GetValue<string>()) { Style = ScalarStyle.DoubleQuoted },
        JsonValueKind.True => new YamlScalarNode("true") { Style = ScalarStyle.Plain },
        JsonValueKind.False => new YamlScalarNode("false") { Style = ScalarStyle.Plain },
        _ => new YamlScalarNode(value.ToJsonString()) { Style = ScalarStyle.Plain },
    };
}
