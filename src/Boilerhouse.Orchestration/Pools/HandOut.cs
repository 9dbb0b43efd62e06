namespace Boilerhouse.Orchestration.Pools;

/// <summary>What the database said to a hand-out: it is this claim's now, or it was not free to give.</summary>
internal enum HandOut
{
    Taken,
    /// <summary>Another activation of the pool handed the container out first (a stale activation loses here).</summary>
    AlreadyTaken,
    /// <summary>The tenant holds another container already (another activation of its grain claimed first).</summary>
    TenantHoldsAnother,
}
