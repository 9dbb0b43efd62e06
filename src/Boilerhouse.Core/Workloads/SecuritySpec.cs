namespace Boilerhouse.Core.Workloads;

/// <summary>Container hardening, with secure defaults where the YAML is silent.</summary>
public sealed record SecuritySpec(
    bool ReadOnlyRootFilesystem,
    string User,
    IReadOnlyList<string> CapDrop,
    IReadOnlyList<string> CapAdd,
    IReadOnlyList<string> SecurityOpt,
    string? Runtime)
{
    /// <summary>
    /// Always holds <c>ALL</c>: a list that named only some capabilities would leave Docker's defaults
    /// (NET_RAW, MKNOD, ...) in place. A workload gets capabilities back only through <see cref="CapAdd"/>.
    /// </summary>
    public IReadOnlyList<string> CapDrop { get; init => field = WithAll(value); } = WithAll(CapDrop);

    private static IReadOnlyList<string> WithAll(IReadOnlyList<string> capDrop) =>
        capDrop.Contains(Capabilities.All) ? capDrop : [Capabilities.All, .. capDrop];
}
