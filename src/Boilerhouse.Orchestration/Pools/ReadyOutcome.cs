namespace Boilerhouse.Orchestration.Pools;

/// <summary>What became of a container that finished warming.</summary>
internal enum ReadyVerdict
{
    /// <summary>It joined the warm list.</summary>
    Warm,
    /// <summary>The pool no longer knows it (written off while starting): it must not linger.</summary>
    Unknown,
    /// <summary>Its host started draining (or failed), or its workload changed, meanwhile: it is removed and a new one is warmed.</summary>
    HostUnusable,
}

internal sealed record ReadyOutcome(ReadyVerdict Verdict, PoolMember? Member);
