using System.Text.Json.Serialization;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// A sync spec in the workload YAML's own words: the sink type as written there (s3, azure_blob,
/// local) with only that type's fields, directions and modes lower-case, the interval as a compose
/// duration. It holds no credentials: the spec never has any, only the name of the setting that does.
/// </summary>
public sealed record SyncSpecView(SinkView Sink, IReadOnlyList<SyncMappingView> Mappings, SyncPolicyView Policy)
{
    public static SyncSpecView From(SyncSpec spec) => new(
        SinkView.From(spec.Sink),
        [.. spec.Mappings.Select(m => new SyncMappingView(
            m.ContainerPath, m.Pattern, m.SinkPath, SyncYamlWords.Of(m.Direction), SyncYamlWords.Of(m.Mode)))],
        new SyncPolicyView(
            spec.Policy.OnClaim, spec.Policy.OnRelease,
            spec.Policy.Interval is { } interval ? ComposeDuration.Format(interval) : null,
            spec.Policy.AllowManualTrigger));
}

public sealed record SinkView(
    string Type,
    string Prefix,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Bucket = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Region = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Endpoint = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? ChunkedEncoding = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Container = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ConnectionSetting = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Path = null)
{
    public static SinkView From(SinkSpec sink)
    {
        var type = SyncYamlWords.Of(sink.Type);
        return sink.Type switch
        {
            SinkType.S3 => new SinkView(type, sink.Prefix, Bucket: sink.Bucket, Region: sink.Region,
                Endpoint: sink.Endpoint?.ToString(), ChunkedEncoding: sink.ChunkedEncoding),
            SinkType.AzureBlob => new SinkView(type, sink.Prefix, Container: sink.Container, ConnectionSetting: sink.ConnectionSetting),
            _ => new SinkView(type, sink.Prefix, Path: sink.Path),
        };
    }
}

public sealed record SyncMappingView(
    string ContainerPath,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pattern,
    string SinkPath,
    string Direction,
    string Mode);

public sealed record SyncPolicyView(
    bool OnClaim,
    bool OnRelease,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Interval,
    bool AllowManualTrigger);
