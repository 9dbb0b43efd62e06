using System.Text.Json;
using System.Text.Json.Nodes;

namespace Boilerhouse.Orchestration.Tenants;

/// <summary>
/// A validated claim: config is JSON text already checked against the workload's schema. Secret
/// values live only in memory; <see cref="SecretsUnavailable"/> marks a claim resumed after a
/// restart whose secrets were never stored and so cannot be provisioned.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ClaimCommand(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string PoolId,
    [property: Id(2)] string? ConfigJson,
    [property: Id(3)] IReadOnlyDictionary<string, string> Secrets,
    [property: Id(4)] bool SecretsUnavailable = false)
{
    /// <summary>What may be stored and shown: secret names only, never their values.</summary>
    public string ToRedactedJson() => new JsonObject
    {
        ["tenantId"] = TenantId,
        ["poolId"] = PoolId,
        ["config"] = ConfigJson is null ? null : JsonNode.Parse(ConfigJson),
        ["secrets"] = new JsonObject(Secrets.Keys.Order().Select(k => KeyValuePair.Create(k, (JsonNode?)"***"))),
    }.ToJsonString(JsonDefaults.Options);

    /// <summary>Rebuilds a claim from its stored input to resume it; the secret values come from memory if still there.</summary>
    public static ClaimCommand FromRedactedJson(string json, IReadOnlyDictionary<string, string>? secrets)
    {
        var input = JsonNode.Parse(json)!.AsObject();
        var names = input["secrets"]?.AsObject().Select(p => p.Key).ToList() ?? [];
        var config = input["config"];
        return new ClaimCommand(
            input["tenantId"]!.GetValue<string>(),
            input["poolId"]!.GetValue<string>(),
            config?.ToJsonString(),
            secrets ?? new Dictionary<string, string>(),
            SecretsUnavailable: names.Count > 0 && secrets is null);
    }
}
