namespace Boilerhouse.Core.Workloads;

/// <summary>What a role volume is for; Boilerhouse writes into config and secrets and syncs state.</summary>
public enum VolumeRole
{
    /// <summary>A plain volume with no Boilerhouse meaning.</summary>
    None,
    State,
    Secrets,
    Config,
    Comm,
}

/// <summary>A compose long-syntax volume; Boilerhouse owns its source (a named volume per container).</summary>
public sealed record VolumeSpec(string Target, bool ReadOnly, VolumeRole Role);
