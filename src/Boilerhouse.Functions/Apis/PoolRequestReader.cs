using System.Text.Json;
using System.Text.Json.Nodes;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// A pool declaration, <c>{"id", "workload", "min_size"?, "max_size"?, "idle_timeout"?, "placement"?: {"labels": {...}}}</c>
/// (id and workload only on create). Shapes are checked here; sizes against each other by the workload's validation.
/// Absent sizes take the defaults a workload file has.
/// </summary>
public static class PoolRequestReader
{
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>The pool and, on create, the workload it joins; <paramref name="routeId"/> is the URL's pool id on replace.</summary>
    public static async Task<(string? WorkloadId, WorkloadPool Pool)> ReadAsync(HttpRequest request, string? routeId, CancellationToken cancellationToken)
    {
        var text = System.Text.Encoding.UTF8.GetString(await RequestBody.ReadAsync(request, MaxBodyBytes, "pool", cancellationToken));
        var body = JsonBody.ParseObject(text, "The body must be a JSON object such as {\"id\": \"web-eu\", \"workload\": \"web\", \"min_size\": 1}.");

        string? id = routeId, workload = null;
        int min = WorkloadDefaults.PoolMinSize;
        int? max = null;
        var idle = WorkloadDefaults.PoolIdleTimeout;
        PlacementSpec? placement = null;
        foreach (var (key, value) in body)
        {
            switch (key)
            {
                case "id" when routeId is null:
                    id = ResourceId.Require(Text(key, value), "pool");
                    break;
                case "workload" or "workloadId" when routeId is null:
                    workload = ResourceId.Require(Text(key, value), "workload");
                    break;
                case "min_size" or "minSize":
                    min = JsonBody.Size(key, value, 0);
                    break;
                case "max_size" or "maxSize":
                    max = JsonBody.Size(key, value, 1);
                    break;
                case "idle_timeout" or "idleTimeout":
                    idle = ComposeDuration.TryParse(Text(key, value), out var parsed) ? parsed
                        : throw Invalid($"Field '{key}' must be a duration such as \"30m\" or \"1h30m\".");
                    break;
                case "placement":
                    placement = Placement(value);
                    break;
                default:
                    throw Invalid(routeId is null
                        ? $"Unknown field '{key}'; a pool takes id, workload, min_size, max_size, idle_timeout and placement."
                        : $"Unknown field '{key}'; a pool's declaration takes min_size, max_size, idle_timeout and placement (its id and workload do not change).");
            }
        }

        if (id is null || (routeId is null && workload is null))
        {
            throw Invalid("Give the new pool's id and the workload it belongs to, e.g. {\"id\": \"web-eu\", \"workload\": \"web\"}.");
        }

        return (workload, new WorkloadPool(id, new PoolSpec(min, max ?? Math.Max(min, WorkloadDefaults.PoolMaxSize), idle), placement));
    }

    private static PlacementSpec Placement(JsonNode? value)
    {
        if (value is not JsonObject placement || placement.Any(p => p.Key != "labels")
            || placement["labels"] is not JsonObject labels || labels.Any(l => l.Value is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
        {
            throw Invalid("Field 'placement' must be {\"labels\": {\"KEY\": \"VALUE\", ...}}: the labels a Docker host must carry.");
        }

        return new PlacementSpec(labels.ToDictionary(l => l.Key, l => l.Value!.GetValue<string>(), StringComparer.Ordinal));
    }

    private static string Text(string key, JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw Invalid($"Field '{key}' must be a string.");


    private static BoilerhouseException Invalid(string message) => new(ErrorCodes.InvalidRequest, message);
}
