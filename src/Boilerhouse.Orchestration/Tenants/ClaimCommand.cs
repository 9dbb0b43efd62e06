namespace Boilerhouse.Orchestration.Tenants;

/// <summary>A validated claim: config is JSON text already checked against the workload's schema.</summary>
[GenerateSerializer, Immutable]
public sealed record ClaimCommand(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string PoolId,
    [property: Id(2)] string? ConfigJson,
    [property: Id(3)] IReadOnlyDictionary<string, string> Secrets)
{
    /// <summary>What may be stored and shown: secret names only, never their values.</summary>
    public object Redacted() => new
    {
        TenantId,
        PoolId,
        Config = ConfigJson is null ? null : System.Text.Json.Nodes.JsonNode.Parse(ConfigJson),
        Secrets = Secrets.Keys.Order().ToDictionary(k => k, _ => "***"),
    };
}
