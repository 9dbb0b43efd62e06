using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Access;

/// <summary>Requests with an API key, and a host started with a bootstrap admin key.</summary>
public static class KeyedApi
{
    public static string NewAdminKey() => "it-admin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static async Task<(HttpResponseMessage Response, JsonNode Body)> SendAsync(
        this HttpClient client, string? key, HttpMethod method, string url, object? body = null, string header = "Bearer")
    {
        using var request = new HttpRequestMessage(method, url);
        if (key is not null)
        {
            if (header == "Bearer")
            {
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(header, key);
            }
        }

        if (body is string raw)
        {
            request.Content = new StringContent(raw, System.Text.Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        // An empty or non-JSON body (e.g. /metrics' text) reads as an empty object so tests can index it.
        var json = response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true;
        return (response, text.Length == 0 || !json ? new JsonObject() : JsonNode.Parse(text)!);
    }

    /// <summary>Creates a key with the admin key; returns its id and secret.</summary>
    public static async Task<(string Id, string Secret)> CreateKeyAsync(this HttpClient client, string adminKey, object request)
    {
        var (response, body) = await client.SendAsync(adminKey, HttpMethod.Post, "/api/v1/keys", request);
        Assert.True((int)response.StatusCode == 201, $"Creating a key answered {(int)response.StatusCode}: {body}");
        return (body.Str("id"), body.Str("key"));
    }

    public static BoilerhouseApp StartWithAdminKey(string adminKey, IReadOnlyDictionary<string, string>? workloads = null, Dictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(settings ?? []) { ["BOILERHOUSE_ADMIN_KEY"] = adminKey };
        return BoilerhouseApp.Start(workloads ?? new Dictionary<string, string>(), all);
    }

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
