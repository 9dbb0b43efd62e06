using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Sync.Sinks;

namespace Boilerhouse.Sync.Integrity;

/// <summary>
/// The health check's view of the sinks: a fresh canary through each distinct sink the workloads
/// use, all at once, each bounded by <see cref="Timeout"/> so a dead store cannot stall the answer.
/// </summary>
public sealed class SinkHealthCheck(ISinkFactory sinks, TimeProvider time)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<SinkHealth>> CheckAsync(IEnumerable<SinkSpec> specs, CancellationToken cancellationToken) =>
        await Task.WhenAll(specs.Select(s => s with { Prefix = "" }).Distinct().Select(s => CheckOneAsync(s, cancellationToken)));

    private async Task<SinkHealth> CheckOneAsync(SinkSpec spec, CancellationToken cancellationToken)
    {
        var name = SinkNames.Of(spec);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Timeout);
        try
        {
            return sinks.Get(spec) is SelfCheckingSink sink
                ? await sink.CheckAsync(bounded.Token)
                : new SinkHealth(name, "healthy", null, time.GetUtcNow());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SinkHealth(name, "unavailable", $"{name} did not answer the canary within {Timeout.TotalSeconds:0} s.", time.GetUtcNow());
        }
        catch (BoilerhouseException e)
        {
            return new SinkHealth(name, e.Code == ErrorCodes.SinkUnavailable ? "unavailable" : "unhealthy", e.Message, time.GetUtcNow());
        }
    }
}
