namespace Boilerhouse.Orchestration.Persistence;

/// <summary>One run of the sync engine for a tenant (restore on claim, save on release, periodic or manual): its history.</summary>
public sealed class SyncRunRecord
{
    public long Id { get; set; }
    public required string TenantId { get; set; }
    public required string PoolId { get; set; }
    public string? InstanceId { get; set; }
    public required string Trigger { get; set; }
    public required string Direction { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public bool Succeeded { get; set; }
    public int FilesTransferred { get; set; }
    public int FilesSkipped { get; set; }
    public int FilesDeleted { get; set; }
    public long BytesTransferred { get; set; }
    public string? ErrorCode { get; set; }
    public string? Error { get; set; }
}
