using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads.Files;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Reads a workload body: YAML (<c>application/yaml</c>, stored exactly as sent, comments kept) or
/// JSON (<c>application/json</c>, the same document, rendered to YAML for the file).
/// </summary>
public static class WorkloadBodyReader
{
    /// <summary>The largest workload body read, counted on the stream.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static async Task<string> ReadYamlAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(await RequestBody.ReadAsync(request, MaxBodyBytes, "workload", cancellationToken));
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Invalid("The body is empty; send the workload file as application/yaml or as a JSON object.");
        }

        if (!IsJson(request.ContentType))
        {
            return text;
        }

        try
        {
            return JsonNode.Parse(text) is JsonObject document
                ? WorkloadDocument.ToYaml(document)
                : throw Invalid("A JSON workload must be an object (the YAML file's fields).");
        }
        catch (JsonException ex)
        {
            throw Invalid($"The body is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>True when the client wants (or sends) YAML rather than JSON.</summary>
    public static bool IsYaml(string? mediaType) =>
        mediaType is { } m && (m.Contains("yaml", StringComparison.OrdinalIgnoreCase) || m.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase));

    private static bool IsJson(string? contentType) =>
        contentType is { } c && c.Split(';')[0].Trim() is var type && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static BoilerhouseException Invalid(string message) => new(ErrorCodes.InvalidRequest, message);
}
