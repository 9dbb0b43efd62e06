using System.Text.Json;

namespace Boilerhouse.Functions.Settings;

/// <summary>
/// Adds host.json and the "Values" of local.settings.json (as the Functions host does), then the
/// environment again so that environment variables win.
/// </summary>
public static class LocalSettings
{
    public static void AddBoilerhouseSources(this ConfigurationManager configuration, string root)
    {
        configuration.AddJsonFile(Path.Combine(root, "host.json"), optional: true);
        var localSettings = Path.Combine(root, "local.settings.json");
        if (File.Exists(localSettings))
        {
            configuration.AddInMemoryCollection(ReadValues(localSettings));
        }

        configuration.AddEnvironmentVariables();
    }

    private static Dictionary<string, string?> ReadValues(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return document.RootElement.TryGetProperty("Values", out var values)
                ? values.EnumerateObject().ToDictionary(p => p.Name, p => (string?)(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()))
                : [];
        }
        catch (JsonException ex)
        {
            throw new SettingsException($"{path} is not valid JSON: {ex.Message}");
        }
    }
}
