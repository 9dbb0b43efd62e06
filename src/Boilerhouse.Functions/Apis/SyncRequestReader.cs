using System.Text.Json.Nodes;
using Boilerhouse.Core.Errors;
using Boilerhouse.Sync;

namespace Boilerhouse.Functions.Apis;

/// <summary>Reads the optional body of a manual sync, <c>{"direction": "upload" | "download" | "both"}</c>; no body means both.</summary>
public static class SyncRequestReader
{
    /// <summary>The largest sync body read, counted on the stream.</summary>
    public const int MaxBodyBytes = 4096;

    public static async Task<SyncDirection> ReadDirectionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var text = System.Text.Encoding.UTF8.GetString(await RequestBody.ReadAsync(request, MaxBodyBytes, "sync", cancellationToken));
        if (string.IsNullOrWhiteSpace(text))
        {
            return SyncDirection.Both;
        }

        var body = JsonBody.ParseObject(text, "The body must be a JSON object.");

        if (body.Select(p => p.Key).FirstOrDefault(k => k != "direction") is { } unknown)
        {
            throw Invalid($"Unknown field '{unknown}'; a sync takes only direction.");
        }

        return body["direction"] switch
        {
            null => SyncDirection.Both,
            JsonValue v when v.TryGetValue<string>(out var d) && d == "upload" => SyncDirection.Upload,
            JsonValue v when v.TryGetValue<string>(out var d) && d == "download" => SyncDirection.Download,
            JsonValue v when v.TryGetValue<string>(out var d) && d == "both" => SyncDirection.Both,
            _ => throw Invalid("Field 'direction' must be \"upload\", \"download\" or \"both\"."),
        };
    }

    private static BoilerhouseException Invalid(string message) => new(ErrorCodes.InvalidRequest, message);
}
