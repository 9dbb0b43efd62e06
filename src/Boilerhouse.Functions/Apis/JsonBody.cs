using System.Text.Json;
using System.Text.Json.Nodes;
using Boilerhouse.Core.Errors;

namespace Boilerhouse.Functions.Apis;

/// <summary>What the strict JSON body readers share: the body must be one object, and pool sizes are bounded whole numbers.</summary>
public static class JsonBody
{
    /// <summary>The body as a JSON object; anything else is 400 INVALID_REQUEST with <paramref name="notAnObject"/>.</summary>
    public static JsonObject ParseObject(string text, string notAnObject)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw Invalid(notAnObject);
        }
        catch (JsonException ex)
        {
            throw Invalid($"The body is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>A pool size field: a whole number from <paramref name="least"/> to 10000.</summary>
    public static int Size(string key, JsonNode? value, int least) =>
        value is JsonValue v && v.TryGetValue<int>(out var n) && n >= least && n <= 10_000
            ? n
            : throw Invalid($"Field '{key}' must be a whole number from {least} to 10000.");

    private static BoilerhouseException Invalid(string message) => new(ErrorCodes.InvalidRequest, message);
}
