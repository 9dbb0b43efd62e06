using System.Text.Json;

namespace Boilerhouse.Client.Http;

/// <summary>The API's JSON: camelCase names, null fields left out.</summary>
internal static class ClientJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(body, Options, cancellationToken)
            ?? throw new BoilerhouseRequestException((int)response.StatusCode, "INVALID_ANSWER", $"The server answered {(int)response.StatusCode} with an empty body.");
    }

    public static HttpContent Content(object body) =>
        new StringContent(JsonSerializer.Serialize(body, Options), System.Text.Encoding.UTF8, "application/json");
}
