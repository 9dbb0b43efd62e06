namespace Boilerhouse.Orchestration.Persistence;

/// <summary>One state-changing request: who (key), what (action, target), how it ended (HTTP status).</summary>
public sealed class AuditRecord : ILogEntry
{
    public long Id { get; set; }
    public DateTimeOffset Time { get; set; }
    public string? KeyId { get; set; }
    public string? KeyName { get; set; }
    /// <summary>The method and route pattern, e.g. "POST /api/v1/tenants/{tenantId}/claim".</summary>
    public required string Action { get; set; }
    /// <summary>The request path, e.g. "/api/v1/tenants/acme/claim".</summary>
    public required string Target { get; set; }
    public int Status { get; set; }
    public string? ClientAddress { get; set; }
}
