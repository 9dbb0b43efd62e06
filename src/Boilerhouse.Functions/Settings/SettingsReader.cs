using System.Globalization;
using Boilerhouse.Core.Ids;

namespace Boilerhouse.Functions.Settings;

/// <summary>Reads one setting at a time with its default and range; a bad value stops start-up with a message that names it.</summary>
internal sealed class SettingsReader(IConfiguration configuration)
{
    public string String(string key, string fallback) => configuration[key] is { Length: > 0 } value ? value.Trim() : fallback;

    public string Id(string key, string fallback)
    {
        var value = String(key, fallback);
        return ResourceId.IsValid(value) ? value : throw new SettingsException($"{key} '{value}' is invalid: {ResourceId.Rule}.");
    }

    public int Int(string key, int fallback, int min, int max)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new SettingsException($"{key} must be a whole number from {min} to {max}, got '{raw}'.");
    }

    public bool Bool(string key, bool fallback)
    {
        var raw = configuration[key];
        return raw?.Trim().ToLowerInvariant() switch
        {
            null or "" => fallback,
            "1" or "true" or "yes" => true,
            "0" or "false" or "no" => false,
            _ => throw new SettingsException($"{key} must be true or false (or 1/0), got '{raw}'."),
        };
    }
}
