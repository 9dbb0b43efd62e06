using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Sync.Integrity;

/// <summary>How a sink is named in health answers and logs: where it is, never its credentials.</summary>
public static class SinkNames
{
    public static string Of(SinkSpec spec) => spec.Type switch
    {
        SinkType.S3 => spec.Endpoint is null ? $"s3://{spec.Bucket}" : $"s3://{spec.Bucket} at {spec.Endpoint}",
        SinkType.AzureBlob => $"azure_blob {spec.Container} ({spec.ConnectionSetting})",
        _ => $"local {spec.Path}",
    };
}
