namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>The words x-boilerhouse.sync uses for sink types, directions and modes, both ways.</summary>
public static class SyncYamlWords
{
    public static readonly IReadOnlyDictionary<string, SinkType> SinkTypes = new Dictionary<string, SinkType>
    {
        ["s3"] = SinkType.S3,
        ["azure_blob"] = SinkType.AzureBlob,
        ["local"] = SinkType.Local,
    };

    public static readonly IReadOnlyDictionary<string, SyncDirectionMode> Directions = new Dictionary<string, SyncDirectionMode>
    {
        ["upload"] = SyncDirectionMode.Upload,
        ["download"] = SyncDirectionMode.Download,
        ["bidirectional"] = SyncDirectionMode.Bidirectional,
    };

    public static readonly IReadOnlyDictionary<string, SyncMode> Modes = new Dictionary<string, SyncMode>
    {
        ["sync"] = SyncMode.Sync,
        ["copy"] = SyncMode.Copy,
    };

    public static string Of(SinkType type) => WordFor(SinkTypes, type);

    public static string Of(SyncDirectionMode direction) => WordFor(Directions, direction);

    public static string Of(SyncMode mode) => WordFor(Modes, mode);

    private static string WordFor<T>(IReadOnlyDictionary<string, T> words, T value) where T : struct, Enum =>
        words.Single(w => w.Value.Equals(value)).Key;
}
