using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Pools;
using Boilerhouse.Orchestration.Tenants;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Reads and validates a claim body at the edge: poolId exists, config matches the workload's
/// schema, secrets are well-named strings and have a volume to go to. Nothing invalid reaches a grain.
/// </summary>
public static partial class ClaimRequestReader
{
    /// <summary>The largest claim body read (1 MiB), counted on the stream.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The largest config stored with a claim (64 KiB of compact JSON): it is kept as the instance's input.</summary>
    public const int MaxConfigBytes = 64 * 1024;

    private const int MaxSecrets = 100;
    private const int MaxSecretBytes = 64 * 1024;
    // The fields ClaimRequest documents, by the names JSON gives them: the reader and the document cannot drift apart.
    private static readonly HashSet<string> KnownFields =
        [.. new[] { nameof(ClaimRequest.PoolId), nameof(ClaimRequest.Config), nameof(ClaimRequest.Secrets) }.Select(JsonNamingPolicy.CamelCase.ConvertName)];

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    public static async Task<ClaimCommand> ReadAsync(HttpRequest request, string tenantId, WorkloadCatalog workloads, CancellationToken cancellationToken)
    {
        var body = await ReadObjectAsync(request, cancellationToken);
        if (body.Select(p => p.Key).FirstOrDefault(k => !KnownFields.Contains(k)) is { } unknown)
        {
            throw Invalid(ErrorCodes.InvalidRequest, $"Unknown field '{unknown}'; a claim takes poolId, config and secrets.");
        }

        var poolId = body["poolId"] is JsonValue v && v.TryGetValue<string>(out var p) ? p
            : throw Invalid(ErrorCodes.InvalidRequest, "Field 'poolId' is required and must be a string.");
        ResourceId.Require(poolId, "pool");
        var spec = workloads.GetPool(poolId);

        return new ClaimCommand(tenantId, poolId, ReadConfig(body["config"], spec), ReadSecrets(body["secrets"], spec));
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var bytes = await RequestBody.ReadAsync(request, MaxBodyBytes, "claim", cancellationToken);
        try
        {
            var node = JsonNode.Parse(bytes);
            return node as JsonObject ?? throw Invalid(ErrorCodes.InvalidRequest, "The body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw Invalid(ErrorCodes.InvalidRequest, $"The body is not valid JSON: {ex.Message}");
        }
    }

    private static string? ReadConfig(JsonNode? config, WorkloadSpec spec)
    {
        if (config is null)
        {
            return null;
        }

        if (config is not JsonObject)
        {
            throw Invalid(ErrorCodes.InvalidConfig, "Field 'config' must be a JSON object.");
        }

        var errors = ConfigValidator.Validate(spec.ConfigSchema, config);
        if (errors.Count > 0)
        {
            throw Invalid(ErrorCodes.InvalidConfig, $"config does not match the config_schema of workload '{spec.Id}': {string.Join("; ", errors)}");
        }

        _ = ClaimOrchestration.ConfigDirectory(spec);
        var json = config.ToJsonString();
        var size = System.Text.Encoding.UTF8.GetByteCount(json);
        if (size > MaxConfigBytes)
        {
            throw Invalid(ErrorCodes.InvalidConfig, $"config is {size} bytes as compact JSON; at most {MaxConfigBytes} bytes (64 KiB) are stored with a claim.");
        }

        return json;
    }

    private static Dictionary<string, string> ReadSecrets(JsonNode? secrets, WorkloadSpec spec)
    {
        if (secrets is null)
        {
            return [];
        }

        if (secrets is not JsonObject map)
        {
            throw Invalid(ErrorCodes.InvalidSecrets, "Field 'secrets' must be an object of name to string value.");
        }

        if (map.Count > 0 && spec.VolumeFor(VolumeRole.Secrets) is null)
        {
            throw Invalid(ErrorCodes.InvalidSecrets, $"Workload '{spec.Id}' has no volume with x-boilerhouse-role: secrets to receive secrets.");
        }

        if (map.Count > MaxSecrets)
        {
            throw Invalid(ErrorCodes.InvalidSecrets, $"At most {MaxSecrets} secrets can be provisioned, got {map.Count}.");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in map)
        {
            // Names become file names; never echo values back.
            if (!SecretName().IsMatch(name) || name is "." or "..")
            {
                throw Invalid(ErrorCodes.InvalidSecrets, $"Secret name '{name}' is invalid: use letters, digits, '_', '-' and '.', up to 128, not starting with '.' or '-'.");
            }

            if (value is not JsonValue jv || !jv.TryGetValue<string>(out var text))
            {
                throw Invalid(ErrorCodes.InvalidSecrets, $"Secret '{name}' must be a string.");
            }

            if (System.Text.Encoding.UTF8.GetByteCount(text) > MaxSecretBytes)
            {
                throw Invalid(ErrorCodes.InvalidSecrets, $"Secret '{name}' is larger than {MaxSecretBytes} bytes.");
            }

            result[name] = text;
        }

        return result;
    }

    private static BoilerhouseException Invalid(string code, string message) => new(code, message);
}
