using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Core.Yaml;

/// <summary>
/// Typed reads over YamlDotNet's representation model for one file (a workload, the hosts file). A failed read records a
/// <see cref="WorkloadError"/> with the field path and the node's line and returns null, so one
/// parse reports every problem instead of stopping at the first.
/// </summary>
public sealed partial class YamlFieldReader(string file)
{
    private readonly List<WorkloadError> _errors = [];

    public string File => file;

    public IReadOnlyList<WorkloadError> Errors => _errors;

    public int ErrorCount => _errors.Count;

    [GeneratedRegex(@"^[-+]?[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    public void Error(YamlNode node, string field, string message) => ErrorAt(Line(node), field, message);

    public void ErrorAt(int? line, string field, string message) => _errors.Add(new WorkloadError(file, line, field, message));

    public static int Line(YamlNode node) => (int)node.Start.Line;

    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Item(string path, int index) => $"{path}[{index}]";

    /// <summary>An unquoted scalar without an explicit !!str tag: the only kind YAML gives a type to.</summary>
    public static bool IsPlain(YamlScalarNode node) =>
        node.Style is ScalarStyle.Plain or ScalarStyle.Any && node.Tag is not { IsEmpty: false, Value: StringTag };

    private const string StringTag = "tag:yaml.org,2002:str";

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode scalar && IsPlain(scalar) && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public static bool? AsBool(YamlScalarNode node) => !IsPlain(node) ? null : node.Value switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => null,
    };

    public static bool IsInteger(YamlScalarNode node) => IsPlain(node) && node.Value is { } v && IntegerPattern().IsMatch(v);

    /// <summary>How a node reads in an error message: "a mapping", "a list", "null", or the quoted value.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ when IsNull(node) => "null",
        YamlScalarNode { Value: { } value } => $"'{(value.Length > 60 ? value[..60] + "..." : value)}'",
        _ => "an unsupported node",
    };

    /// <summary>
    /// The known fields of a mapping. Unknown keys are errors with a "did you mean" hint, or the hint
    /// given for them; keys in <paramref name="ignored"/> and, when allowed, "x-" extension keys are
    /// skipped; null values count as absent (Compose treats them as unset).
    /// </summary>
    public YamlFields? Mapping(
        YamlNode node,
        string path,
        IReadOnlyCollection<string> known,
        bool allowExtensions = false,
        IReadOnlyCollection<string>? ignored = null,
        IReadOnlyDictionary<string, string>? hints = null)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node, path, $"expected a mapping, found {Describe(node)}");
            return null;
        }

        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                Error(keyNode, path, $"field names must be strings, found {Describe(keyNode)}");
                continue;
            }

            if (known.Contains(key))
            {
                if (!IsNull(value))
                {
                    values[key] = value;
                }
            }
            else if (ignored?.Contains(key) == true || (allowExtensions && key.StartsWith("x-", StringComparison.Ordinal)))
            {
                continue;
            }
            else if (hints?.TryGetValue(key, out var hint) == true)
            {
                Error(keyNode, Child(path, key), $"unknown field '{key}': {hint}");
            }
            else
            {
                var suggestion = FieldSuggestion.Closest(key, known);
                Error(keyNode, Child(path, key), suggestion is null
                    ? $"unknown field '{key}'"
                    : $"unknown field '{key}' (did you mean '{suggestion}'?)");
            }
        }

        return new YamlFields(this, mapping, path, values);
    }

    public string? String(YamlNode node, string path)
    {
        if (node is YamlScalarNode scalar && !IsNull(node))
        {
            return scalar.Value ?? "";
        }

        Error(node, path, $"expected a string, found {Describe(node)}");
        return null;
    }

    public bool? Bool(YamlNode node, string path)
    {
        if (node is YamlScalarNode scalar && AsBool(scalar) is { } value)
        {
            return value;
        }

        Error(node, path, $"expected true or false, found {Describe(node)}");
        return null;
    }

    public long? Integer(YamlNode node, string path)
    {
        if (node is YamlScalarNode scalar && IsInteger(scalar)
            && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Error(node, path, $"expected an integer, found {Describe(node)}");
        return null;
    }

    /// <summary>An integer in [min, max]; the range is part of the error message.</summary>
    public int? Integer(YamlNode node, string path, int min, int max = int.MaxValue)
    {
        if (Integer(node, path) is not { } value)
        {
            return null;
        }

        if (value < min || value > max)
        {
            Error(node, path, max == int.MaxValue
                ? $"must be at least {min}, found {value}"
                : $"must be between {min} and {max}, found {value}");
            return null;
        }

        return (int)value;
    }

    public TimeSpan? Duration(YamlNode node, string path)
    {
        if (node is YamlScalarNode scalar && !IsNull(node) && ComposeDuration.TryParse(scalar.Value, out var value))
        {
            return value;
        }

        var unitHint = node is YamlScalarNode s && IsInteger(s) ? " (a duration needs a unit)" : "";
        Error(node, path, $"expected a duration like '30s', '1m30s' or '500ms', found {Describe(node)}{unitHint}");
        return null;
    }

    /// <summary>A list of strings; a bad item is reported and the rest are still read.</summary>
    public IReadOnlyList<string>? StringList(YamlNode node, string path)
    {
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, path, $"expected a list of strings, found {Describe(node)}");
            return null;
        }

        var before = ErrorCount;
        var items = new List<string>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (String(sequence.Children[i], Item(path, i)) is { } item)
            {
                items.Add(item);
            }
        }

        return ErrorCount == before ? items : null;
    }
}
