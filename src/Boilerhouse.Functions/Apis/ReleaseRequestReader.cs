using System.Text.Json;
using System.Text.Json.Nodes;
using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Functions.Apis;

/// <summary>Reads the optional body of a release, <c>{"sync": false}</c> to skip the save on purpose; no body saves.</summary>
public static class ReleaseRequestReader
{
    /// <summary>The largest release body read, counted on the stream.</summary>
    public const int MaxBodyBytes = 4096;

    public static async Task<ReleaseOptions> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var text = System.Text.Encoding.UTF8.GetString(await RequestBody.ReadAsync(request, MaxBodyBytes, "release", cancellationToken));
        if (string.IsNullOrWhiteSpace(text))
        {
            return ReleaseOptions.Default;
        }

        var body = JsonBody.ParseObject(text, "The body must be a JSON object.");

        if (body.Select(p => p.Key).FirstOrDefault(k => k != "sync") is { } unknown)
        {
            throw Invalid($"Unknown field '{(unknown.Length > 60 ? unknown[..60] + "..." : unknown)}'; a release takes only sync.");
        }

        return body["sync"] switch
        {
            null => ReleaseOptions.Default,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => new ReleaseOptions(Sync: v.GetValue<bool>()),
            _ => throw Invalid("Field 'sync' must be true or false."),
        };
    }

    private static BoilerhouseException Invalid(string message) => new(ErrorCodes.InvalidRequest, message);
}

/// <summary>The body of a release: sync false skips saving the tenant's state (default true).</summary>
public sealed record ReleaseRequest(bool? Sync);
