using System.Diagnostics;

namespace Boilerhouse.Orchestration.Telemetry;

/// <summary>
/// Carries the caller's trace context (W3C traceparent) across grain calls in Orleans' request
/// context, so that an orchestration a traced HTTP request starts runs in that request's trace.
/// Orleans' own activity propagation would add a span for every grain call; this adds none.
/// </summary>
public static class CallerTrace
{
    private const string Key = "boilerhouse.traceparent";

    /// <summary>True when there is a span to carry, or a carried context to replace.</summary>
    public static bool IsPresent => Activity.Current is not null || RequestContext.Get(Key) is not null;

    /// <summary>Puts the current span's context on the grain calls made from here.</summary>
    public static void Attach()
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id })
        {
            RequestContext.Set(Key, id);
        }
        else
        {
            RequestContext.Remove(Key);
        }
    }

    /// <summary>Inside a grain call: the caller's span context, or default when the caller was not traced.</summary>
    public static ActivityContext Read() =>
        RequestContext.Get(Key) is string traceparent && ActivityContext.TryParse(traceparent, null, isRemote: true, out var context)
            ? context
            : default;
}
