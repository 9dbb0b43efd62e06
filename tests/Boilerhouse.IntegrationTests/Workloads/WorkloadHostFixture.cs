using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;

namespace Boilerhouse.IntegrationTests.Workloads;

/// <summary>A host whose workload folder the tests edit, by hand and through the API; each test uses its own workload ids.</summary>
public sealed class WorkloadHostFixture : IAsyncLifetime
{
    public const string Seed = "wl-seed";

    public BoilerhouseApp App { get; private set; } = null!;

    public string Folder => Path.Combine(App.Root, "workloads");

    public Task InitializeAsync()
    {
        App = BoilerhouseApp.Start(new Dictionary<string, string>
        {
            [$"{Seed}.yaml"] = WorkloadSteps.Worker(Seed, "seed"),
            ["zz-broken.yaml"] = "x-boilerhouse:\n  id: wl-broken\nimage: busybox\nreadonly: true\n",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public static class WorkloadSteps
{
    /// <summary>A small worker whose containers carry FLAVOR=<paramref name="flavor"/>, so a test can tell specs apart in Docker.</summary>
    public static string Worker(string id, string flavor, int min = 1, int max = 3, string? pools = null) => "# managed by the workloads tests\n" + new WorkloadYaml(id)
    {
        MinSize = min,
        MaxSize = max,
        Pools = pools,
        HealthCheck = WorkloadYaml.StateHealth + "\ninterval: 500ms\nretries: 3",
        Extra = $"environment:\n  FLAVOR: {flavor} # which version\n",
    };

    public static async Task<(HttpResponseMessage Response, System.Text.Json.Nodes.JsonNode Body)> SendYamlAsync(
        this HttpClient api, HttpMethod method, string url, string yaml, string? ifMatch = null, string contentType = "application/yaml")
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(yaml, System.Text.Encoding.UTF8, contentType) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        var response = await api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? new System.Text.Json.Nodes.JsonObject() : System.Text.Json.Nodes.JsonNode.Parse(text)!);
    }

    public static async Task<string> YamlOfAsync(this HttpClient api, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/workloads/{id}");
        request.Headers.Accept.ParseAdd("application/yaml");
        var response = await api.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public static async Task<string> ETagOfAsync(this HttpClient api, string id)
    {
        var response = await api.GetAsync($"/api/v1/workloads/{id}");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.ToString();
    }

    /// <summary>Ids of the pool's warm containers; none while the pool does not exist yet (a file written by hand is picked up a moment later).</summary>
    public static async Task<List<string>> WarmIdsAsync(this HttpClient api, string poolId)
    {
        var (response, body) = await api.SendJsonAsync(HttpMethod.Get, $"/api/v1/pools/{poolId}/containers");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return [.. body.AsArray().Where(c => c!.Str("status") == "warm").Select(c => c!.Str("containerId"))];
    }

    /// <summary>The FLAVOR a container was created with, read from Docker itself.</summary>
    public static async Task<string?> FlavorOfAsync(string containerId) =>
        (await DockerProbe.InspectAsync(containerId))?.Config.Env.FirstOrDefault(e => e.StartsWith("FLAVOR=", StringComparison.Ordinal))?["FLAVOR=".Length..];

    /// <summary>Waits until the pool has <paramref name="count"/> warm containers, all of <paramref name="flavor"/>, and answers their ids.</summary>
    public static async Task<List<string>> WaitForWarmFlavorAsync(this HttpClient api, string poolId, string flavor, int count)
    {
        List<string> ids = [];
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            ids = await api.WarmIdsAsync(poolId);
            if (ids.Count != count)
            {
                return false;
            }

            foreach (var id in ids)
            {
                if (await FlavorOfAsync(id) != flavor)
                {
                    return false;
                }
            }

            return true;
        }, $"pool {poolId} has {count} warm containers of flavor {flavor}");
        return ids;
    }
}
