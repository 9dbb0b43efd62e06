namespace Boilerhouse.Core.Workloads;

/// <summary>Container hardening, with secure defaults where the YAML is silent.</summary>
public sealed record SecuritySpec(
    bool ReadOnlyRootFilesystem,
    string User,
    IReadOnlyList<string> CapDrop,
    IReadOnlyList<string> CapAdd,
    IReadOnlyList<string> SecurityOpt,
    string? Runtime);
