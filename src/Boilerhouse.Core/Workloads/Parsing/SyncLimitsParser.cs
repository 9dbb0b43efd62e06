using YamlDotNet.RepresentationModel;
using Boilerhouse.Core.Yaml;

namespace Boilerhouse.Core.Workloads.Parsing;

/// <summary>A mapping's max_file_size, max_files and max_total_size; unwritten ones keep <see cref="SyncLimits.Default"/>.</summary>
internal static class SyncLimitsParser
{
    public static readonly string[] Fields = ["max_file_size", "max_files", "max_total_size"];

    /// <summary>The limits, or null when none is written (errors go to the reader).</summary>
    public static SyncLimits? Read(YamlFields f)
    {
        if (!Fields.Any(f.Has))
        {
            return null;
        }

        var defaults = SyncLimits.Default;
        var fileSize = Bytes(f, "max_file_size") ?? defaults.MaxFileSize;
        var files = f.Integer("max_files", 1) ?? defaults.MaxFiles;
        var totalSize = Bytes(f, "max_total_size") ?? defaults.MaxTotalSize;
        return new SyncLimits(fileSize, files, totalSize);
    }

    private static long? Bytes(YamlFields f, string key)
    {
        if (f[key] is not { } node)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } text } && ByteSize.TryParse(text, out var bytes) && bytes > 0)
        {
            return bytes;
        }

        f.Reader.Error(node, f.PathOf(key), $"expected a byte size greater than 0 like '100m', '2g' or a number of bytes, found {YamlFieldReader.Describe(node)}");
        return null;
    }
}
