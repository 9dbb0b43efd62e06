using System.Security.Cryptography;
using System.Text;

namespace Boilerhouse.Core.Workloads.Files;

/// <summary>A workload that runs: its spec, the file it came from and the exact text it was parsed from.</summary>
public sealed record LoadedWorkload(WorkloadSpec Spec, string File, string Yaml)
{
    /// <summary>A strong HTTP entity tag of the text: any change to the file, even a comment, changes it.</summary>
    public string ETag { get; } = Tag(Yaml);

    public static string Tag(string yaml) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)))[..32] + "\"";
}
