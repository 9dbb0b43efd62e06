using System.Text.Json.Nodes;

namespace Boilerhouse.Client.Models;

/// <summary>What a claim asks for.</summary>
/// <param name="PoolId">The pool to take a warm container from.</param>
public sealed record ClaimRequest(string PoolId)
{
    /// <summary>Written as <c>config.json</c> into the container; checked against the workload's <c>config_schema</c>.</summary>
    public JsonObject? Config { get; init; }

    /// <summary>Secret name to value, written as files into the container's secrets volume; never stored.</summary>
    public IReadOnlyDictionary<string, string>? Secrets { get; init; }

    /// <summary>
    /// Makes retries of this claim (by this client or another process) one claim. Left empty, the
    /// client generates one per call, so its own retries never take a second container.
    /// </summary>
    public string? IdempotencyKey { get; init; }
}
