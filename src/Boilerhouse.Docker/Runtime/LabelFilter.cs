namespace Boilerhouse.Docker.Runtime;

/// <summary>Docker's list filter that keeps only what carries every given label.</summary>
internal static class LabelFilter
{
    public static Dictionary<string, IDictionary<string, bool>> Of(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0
            ? []
            : new() { ["label"] = labels.ToDictionary(l => $"{l.Key}={l.Value}", _ => true) };
}
