using Orleans.Runtime;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// A grain call that failed because the silo holding the grain died: the grain is activated on a
/// live silo once membership declares the dead one (seconds), so the call is worth another try.
/// </summary>
public static class SiloLoss
{
    public static bool Is(Exception ex) => ex switch
    {
        SiloUnavailableException or OrleansMessageRejectionException => true,
        AggregateException { InnerException: { } inner } => Is(inner),
        _ => ex.InnerException is { } inner && Is(inner),
    };
}
