using System.Text.Json;

namespace Boilerhouse.Cli.Output;

/// <summary>Results as indented camelCase JSON, the API's own names, for scripts (jq and friends).</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly JsonSerializerOptions OneLine = new(Indented) { WriteIndented = false };

    public static void Write<T>(TextWriter writer, T value) => writer.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>One object per line (for streams: events).</summary>
    public static void WriteLine<T>(TextWriter writer, T value) => writer.WriteLine(JsonSerializer.Serialize(value, OneLine));
}
