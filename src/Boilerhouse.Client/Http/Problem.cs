using System.Net.Http.Headers;
using System.Text.Json;

namespace Boilerhouse.Client.Http;

/// <summary>An RFC 9457 problem answer as the client needs it: code, message, Retry-After and the failed instance, if any.</summary>
internal sealed record Problem(int Status, string Code, string Message, TimeSpan? RetryAfter, string? InstanceId)
{
    public BoilerhouseRequestException ToException() => new(Status, Code, Message, RetryAfter, InstanceId);

    public static async Task<Problem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var retryAfter = RetryAfterOf(response.Headers.RetryAfter);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var code = Text(root, "code") ?? $"HTTP_{status}";
            var message = Text(root, "detail") ?? Text(root, "title") ?? $"The server answered {status}.";
            return new Problem(status, code, message, retryAfter, Text(root, "instanceId"));
        }
        catch (JsonException)
        {
            var message = text.Length is > 0 and < 500 ? text : $"The server answered {status} {response.ReasonPhrase}.";
            return new Problem(status, $"HTTP_{status}", message, retryAfter, null);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    public static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? Max(date - DateTimeOffset.UtcNow, TimeSpan.Zero) : null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
