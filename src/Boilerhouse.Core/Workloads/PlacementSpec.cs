namespace Boilerhouse.Core.Workloads;

/// <summary>
/// x-boilerhouse.placement: the Docker hosts a workload's containers may run on. A host is eligible
/// when it carries every one of <see cref="Labels"/> with the same value; no labels means any host.
/// </summary>
public sealed record PlacementSpec(IReadOnlyDictionary<string, string> Labels)
{
    public static readonly PlacementSpec Anywhere = new(new Dictionary<string, string>());

    public bool Allows(IReadOnlyDictionary<string, string> hostLabels)
    {
        ArgumentNullException.ThrowIfNull(hostLabels);
        return Labels.All(l => hostLabels.TryGetValue(l.Key, out var value) && value == l.Value);
    }

    /// <summary>"gpu=true, zone=a", for messages.</summary>
    public override string ToString() => string.Join(", ", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
