using System.Text.Json.Nodes;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// The body of POST /api/v1/tenants/{tenantId}/claim, as the OpenAPI document shows it.
/// <see cref="ClaimRequestReader"/> reads it strictly (unknown fields, wrong types, bad ids and
/// config that does not match the workload's schema are refused with precise problems).
/// </summary>
/// <param name="PoolId">The pool to take a container from.</param>
/// <param name="Config">Written as config.json into the container; checked against the workload's config_schema; at most 64 KiB.</param>
/// <param name="Secrets">Secret name to value, written as files into the secrets volume; never stored or shown.</param>
public sealed record ClaimRequest(string PoolId, JsonObject? Config = null, IReadOnlyDictionary<string, string>? Secrets = null);
