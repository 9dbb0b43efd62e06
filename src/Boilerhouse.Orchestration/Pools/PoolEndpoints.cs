using System.Text.Json;
using Boilerhouse.Core.Containers;

namespace Boilerhouse.Orchestration.Pools;

/// <summary>Endpoints as stored in the database (JSON).</summary>
public static class PoolEndpoints
{
    public static string Format(ContainerEndpoints endpoints) => JsonSerializer.Serialize(endpoints, JsonDefaults.Options);

    public static ContainerEndpoints Parse(string? json) =>
        json is null ? ContainerEndpoints.None : JsonSerializer.Deserialize<ContainerEndpoints>(json, JsonDefaults.Options) ?? ContainerEndpoints.None;
}
