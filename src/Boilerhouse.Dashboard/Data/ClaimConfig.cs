using System.Text.Json;
using System.Text.Json.Nodes;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Dashboard.Data;

/// <summary>
/// The config of a tenant's latest completed claim, as its instance stored it (secrets redacted on the
/// way in: only their names are kept, never their values).
/// </summary>
public sealed record ClaimConfig(string InstanceId, string? PoolId, DateTimeOffset ClaimedAt, string? ConfigJson, IReadOnlyList<string> SecretNames)
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<ClaimConfig?> LatestAsync(OrchestrationStore store, string tenantId, CancellationToken cancellationToken)
    {
        var (page, _) = await store.QueryAsync(
            new OrchestrationQuery([OrchestrationRuntimeStatus.Completed], ClaimOrchestration.Name, tenantId, null, null, 1, null), cancellationToken);
        if (page is not [{ InputJson: { } input } claim] || JsonNode.Parse(input) is not JsonObject stored)
        {
            return null;
        }

        return new ClaimConfig(
            claim.InstanceId,
            claim.PoolId,
            claim.CreatedTime,
            stored["config"] is { } config ? config.ToJsonString(Indented) : null,
            [.. (stored["secrets"] as JsonObject ?? []).Select(s => s.Key)]);
    }
}
