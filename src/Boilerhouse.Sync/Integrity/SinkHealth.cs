namespace Boilerhouse.Sync.Integrity;

/// <summary>A sink's last canary: "healthy", "unhealthy" (bytes came back altered) or "unavailable" (did not answer).</summary>
public sealed record SinkHealth(string Sink, string Status, string? Message, DateTimeOffset CheckedAt);
