using System.Text.Json.Nodes;
using Boilerhouse.Core.Errors;

namespace Boilerhouse.Functions.Apis;

/// <summary>A pool's new sizes, <c>{"min_size"?: n, "max_size"?: n}</c> (camelCase accepted too); at least one.</summary>
public sealed record ScaleRequest(int? MinSize, int? MaxSize)
{
    public const int MaxBodyBytes = 4096;

    public static async Task<ScaleRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var text = System.Text.Encoding.UTF8.GetString(await RequestBody.ReadAsync(request, MaxBodyBytes, "scale", cancellationToken));
        var body = JsonBody.ParseObject(text, "The body must be a JSON object such as {\"min_size\": 2, \"max_size\": 5}.");

        int? min = null, max = null;
        foreach (var (key, value) in body)
        {
            switch (key)
            {
                case "min_size" or "minSize":
                    min = JsonBody.Size(key, value, 0);
                    break;
                case "max_size" or "maxSize":
                    max = JsonBody.Size(key, value, 1);
                    break;
                default:
                    throw Invalid($"Unknown field '{key}'; a scale takes min_size and max_size.");
            }
        }

        return min is null && max is null ? throw Invalid("Give min_size, max_size or both.") : new ScaleRequest(min, max);
    }


    private static BoilerhouseException Invalid(string message) => new(ErrorCodes.InvalidRequest, message);
}
