namespace Boilerhouse.Client.Models;

/// <summary>The 202 answer of a starter whose orchestration still runs (Durable Functions' names).</summary>
internal sealed record StartedInstance(string Id, string StatusQueryGetUri);
