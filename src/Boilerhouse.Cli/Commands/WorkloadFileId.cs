using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Boilerhouse.Cli.Commands;

/// <summary>The id a workload file declares (<c>x-boilerhouse.id</c>): apply needs it to know whether to create or replace.</summary>
internal static class WorkloadFileId
{
    public static string Read(string yaml, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new CliUsageException($"{path} is not valid YAML: {e.Message}");
        }

        return stream.Documents is [{ RootNode: YamlMappingNode root }, ..]
            && root.Children.TryGetValue(new YamlScalarNode("x-boilerhouse"), out var extension) && extension is YamlMappingNode block
            && block.Children.TryGetValue(new YamlScalarNode("id"), out var id) && id is YamlScalarNode { Value: { Length: > 0 } value }
                ? value
                : throw new CliUsageException($"{path} has no x-boilerhouse.id: a workload file names its id there.");
    }
}
