using YamlDotNet.RepresentationModel;

namespace Boilerhouse.Core.Yaml;

/// <summary>The known, non-null fields of one YAML mapping, read through the file's <see cref="YamlFieldReader"/>.</summary>
public sealed class YamlFields(YamlFieldReader reader, YamlMappingNode node, string path, IReadOnlyDictionary<string, YamlNode> values)
{
    public YamlMappingNode Node => node;

    public string Path => path;

    public YamlFieldReader Reader => reader;

    public string PathOf(string key) => YamlFieldReader.Child(path, key);

    public YamlNode? this[string key] => values.GetValueOrDefault(key);

    public bool Has(string key) => values.ContainsKey(key);

    public string? String(string key) => this[key] is { } n ? reader.String(n, PathOf(key)) : null;

    public bool? Bool(string key) => this[key] is { } n ? reader.Bool(n, PathOf(key)) : null;

    public int? Integer(string key, int min, int max = int.MaxValue) => this[key] is { } n ? reader.Integer(n, PathOf(key), min, max) : null;

    public TimeSpan? Duration(string key) => this[key] is { } n ? reader.Duration(n, PathOf(key)) : null;

    public IReadOnlyList<string>? StringList(string key) => this[key] is { } n ? reader.StringList(n, PathOf(key)) : null;

    /// <summary>A field that must be present; its absence is reported at the mapping's line.</summary>
    public YamlNode? Required(string key)
    {
        if (this[key] is { } value)
        {
            return value;
        }

        reader.Error(node, PathOf(key), $"required field '{key}' is missing");
        return null;
    }

    public string? RequiredString(string key) => Required(key) is { } n ? reader.String(n, PathOf(key)) : null;
}
