using System.Text.Json;

namespace Boilerhouse.Cli;

/// <summary>
/// Where the server is and which key to use: the --url/--key options win, then BOILERHOUSE_URL and
/// BOILERHOUSE_KEY, then the config file (--config, BOILERHOUSE_CONFIG, or
/// ~/.config/boilerhouse/config.json: <c>{"url": "...", "key": "..."}</c>), then http://127.0.0.1:7071.
/// </summary>
internal sealed record CliConnection(Uri Url, string? Key)
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static CliConnection Resolve(string? url, string? key, string? configPath, Func<string, string?> environment)
    {
        var file = ReadConfig(configPath ?? NonEmpty(environment("BOILERHOUSE_CONFIG")) ?? DefaultConfigPath(environment));
        var chosenUrl = NonEmpty(url) ?? NonEmpty(environment("BOILERHOUSE_URL")) ?? file?.Url ?? DefaultUrl;
        var chosenKey = NonEmpty(key) ?? NonEmpty(environment("BOILERHOUSE_KEY")) ?? file?.Key;
        return Uri.TryCreate(chosenUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new CliConnection(uri, chosenKey)
            : throw new CliUsageException($"'{chosenUrl}' is not an http:// or https:// URL (from --url, BOILERHOUSE_URL or the config file).");
    }

    private static string DefaultConfigPath(Func<string, string?> environment)
    {
        var home = NonEmpty(environment("XDG_CONFIG_HOME"))
            ?? Path.Combine(NonEmpty(environment("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(home, "boilerhouse", "config.json");
    }

    private static ConfigFile? ReadConfig(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"The config file {path} is not valid JSON ({e.Message}); expected {{\"url\": \"...\", \"key\": \"...\"}}.");
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private sealed record ConfigFile(string? Url, string? Key);
}
