using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Boilerhouse.IntegrationTests.Infrastructure;

public static class ApiExtensions
{
    public static async Task<(HttpResponseMessage Response, JsonNode Body)> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
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
        // An empty body reads as an empty object so tests can index it.
        return (response, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    /// <summary>Claims and waits for the outcome (?waitMs), as a tenant app that wants its container now would.</summary>
    public static Task<(HttpResponseMessage Response, JsonNode Body)> ClaimAsync(this HttpClient client, string tenantId, object body, string query = "waitMs=60000") =>
        client.SendJsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenantId}/claim?{query}", body);

    public static Task<(HttpResponseMessage Response, JsonNode Body)> ReleaseAsync(this HttpClient client, string tenantId, string query = "waitMs=60000") =>
        client.SendJsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenantId}/release?{query}");

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url)
    {
        var (response, body) = await client.SendJsonAsync(HttpMethod.Get, url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>Polls a pool until the condition holds; fails with the pool's last state after the timeout.</summary>
    public static async Task<JsonNode> WaitForPoolAsync(this HttpClient client, string poolId, Func<JsonNode, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        JsonNode pool;
        do
        {
            pool = await client.GetJsonAsync($"/api/v1/pools/{poolId}");
            if (condition(pool))
            {
                return pool;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"Pool {poolId} did not reach the expected state: {pool.ToJsonString()}");
        return pool;
    }

    /// <summary>Polls until the condition holds or fails the test after the timeout.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}");
            await Task.Delay(200);
        }
    }

    public static int Int(this JsonNode node, string name) => node[name]!.GetValue<int>();

    public static string Str(this JsonNode node, string name) => node[name]!.GetValue<string>();
}
