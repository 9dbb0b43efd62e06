using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Boilerhouse.Bench;

/// <summary>The few API calls the benchmark makes, timed where it matters.</summary>
public sealed class BenchApi(HttpClient http)
{
    public static readonly object NoProvisioning = new { };

    public static readonly object WithProvisioning = new
    {
        config = new { greeting = "hello", replicas = 2 },
        secrets = new Dictionary<string, string> { ["api-key"] = "bench-secret", ["db-password"] = "bench-password" },
    };

    /// <summary>Claims with ?waitMs and answers the wall time, the container id and the orchestration instance.</summary>
    public async Task<(double Ms, string ContainerId, string InstanceId)> ClaimAsync(string tenant, string pool, object extra)
    {
        var body = JsonSerializer.SerializeToNode(extra)!.AsObject();
        body["poolId"] = pool;
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/claim?waitMs=60000", body);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Claim of {tenant} from {pool} answered {(int)response.StatusCode}: {json}");
        }

        return (elapsed, json["containerId"]!.GetValue<string>(), json["instanceId"]!.GetValue<string>());
    }

    /// <summary>Releases with ?waitMs and answers the wall time and the orchestration instance.</summary>
    public async Task<(double Ms, string InstanceId)> ReleaseAsync(string tenant)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync($"/api/v1/tenants/{tenant}/release?waitMs=60000", null);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return response.StatusCode == HttpStatusCode.OK ? (elapsed, json["instanceId"]!.GetValue<string>())
            : throw new InvalidOperationException($"Release of {tenant} answered {(int)response.StatusCode}: {json}");
    }

    /// <summary>A manual sync with ?waitMs; answers the wall time and the orchestration instance (chosen here).</summary>
    public async Task<(double Ms, string InstanceId)> SyncAsync(string tenant, string direction)
    {
        var instanceId = $"bench-sync-{Guid.NewGuid():N}";
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync($"/api/v1/tenants/{tenant}/sync?waitMs=60000&instanceId={instanceId}", new { direction });
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return response.StatusCode == HttpStatusCode.OK ? (elapsed, instanceId)
            : throw new InvalidOperationException($"Sync of {tenant} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The duration of the named step of an instance, in milliseconds.</summary>
    public async Task<double> StepMsAsync(string instanceId, string step)
    {
        var instance = await OrchestrationAsync(instanceId);
        return instance["steps"]!.AsArray().Last(s => s!["name"]!.GetValue<string>() == step)!["durationMs"]!.GetValue<double>();
    }

    /// <summary>An orchestration instance with its step history.</summary>
    public async Task<JsonNode> OrchestrationAsync(string instanceId) =>
        JsonNode.Parse(await http.GetStringAsync($"/api/v1/orchestrations/{instanceId}?showHistory=true"))!;

    public async Task<JsonNode> PoolAsync(string pool) =>
        JsonNode.Parse(await http.GetStringAsync($"/api/v1/pools/{pool}"))!;

    /// <summary>Polls until the pool has at least <paramref name="warm"/> warm containers; answers how long it took.</summary>
    public async Task<TimeSpan> WaitWarmAsync(string pool, int warm, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var state = await PoolAsync(pool);
            if (state["warm"]!.GetValue<int>() >= warm)
            {
                return Stopwatch.GetElapsedTime(started);
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"Pool {pool} did not reach {warm} warm in {timeout}: {state.ToJsonString()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Polls until the pool has <paramref name="warm"/> warm containers and none starting.</summary>
    public async Task WaitQuietAsync(string pool, int warm, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var state = await PoolAsync(pool);
            if (state["warm"]!.GetValue<int>() >= warm && state["starting"]!.GetValue<int>() == 0)
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"Pool {pool} did not settle at {warm} warm in {timeout}: {state.ToJsonString()}");
            }

            await Task.Delay(50);
        }
    }

    public async Task WaitUntilAnsweringAsync(Process process)
    {
        // Minutes, not seconds: on a loaded shared machine the silo alone can take over a minute to start.
        for (var deadline = DateTime.UtcNow.AddMinutes(5); DateTime.UtcNow < deadline && !process.HasExited;)
        {
            try
            {
                using var response = await http.GetAsync("/api/v1/health");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException("The host did not start.");
    }
}
