namespace Boilerhouse.Core.Workloads;

/// <summary>
/// x-boilerhouse.sync: where a tenant's state lives between claims (the sink), which container
/// paths move (the mappings) and when (the policy).
/// </summary>
public sealed record SyncSpec(SinkSpec Sink, IReadOnlyList<SyncMapping> Mappings, SyncPolicy Policy);

public enum SinkType
{
    S3,
    AzureBlob,
    Local,
}

/// <summary>
/// A sink and the key prefix of one tenant's data in it (with ${tenantId}, ${poolId}, ${workloadId}).
/// Credentials are never here: S3 keys come from settings or the AWS default chain, an Azure
/// connection string from the setting <see cref="ConnectionSetting"/> names. ChunkedEncoding is
/// null unless the spec wrote it: then the sink's canary may turn it off by itself.
/// </summary>
public sealed record SinkSpec(
    SinkType Type,
    string Prefix,
    string? Bucket = null,
    string? Region = null,
    Uri? Endpoint = null,
    bool? ChunkedEncoding = null,
    string? Container = null,
    string ConnectionSetting = SinkSpec.DefaultAzureConnectionSetting,
    string? Path = null)
{
    public const string DefaultAzureConnectionSetting = "BOILERHOUSE_AZURE_STORAGE";
    public const string S3AccessKeySetting = "BOILERHOUSE_S3_ACCESS_KEY_ID";
    public const string S3SecretKeySetting = "BOILERHOUSE_S3_SECRET_ACCESS_KEY";

    /// <summary>"s3://bucket/prefix", for messages and logs (no credentials).</summary>
    public string Describe() => Type switch
    {
        SinkType.S3 => $"s3://{Bucket}/{Prefix}",
        SinkType.AzureBlob => $"azure-blob://{Container}/{Prefix}",
        _ => $"local:{Path}/{Prefix}",
    };
}

public enum SyncDirectionMode
{
    Upload,
    Download,
    Bidirectional,
}

public enum SyncMode
{
    /// <summary>The destination ends up equal to the source: what was removed there is deleted.</summary>
    Sync,
    /// <summary>New and changed files are copied; nothing is ever deleted.</summary>
    Copy,
}

/// <summary>
/// One container folder and the sink folder it maps to; <see cref="Pattern"/> (a glob) selects files.
/// <see cref="VolumeRoot"/> is the target of the state volume that holds the folder (it always exists,
/// the folder may not yet). <see cref="Limits"/> bounds what a save takes (defaults when not written).
/// </summary>
public sealed record SyncMapping(
    string ContainerPath, string? Pattern, string SinkPath, SyncDirectionMode Direction, SyncMode Mode, string? VolumeRoot = null,
    SyncLimits? Limits = null)
{
    public SyncLimits Budget => Limits ?? SyncLimits.Default;

    public bool Uploads => Direction is SyncDirectionMode.Upload or SyncDirectionMode.Bidirectional;
    public bool Downloads => Direction is SyncDirectionMode.Download or SyncDirectionMode.Bidirectional;
}

/// <summary>When state moves: restore on claim, save on release, every <see cref="Interval"/> while claimed, on demand.</summary>
public sealed record SyncPolicy(bool OnClaim = true, bool OnRelease = true, TimeSpan? Interval = null, bool AllowManualTrigger = true)
{
    public static readonly SyncPolicy Default = new();
}
