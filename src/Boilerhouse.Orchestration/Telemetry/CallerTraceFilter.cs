namespace Boilerhouse.Orchestration.Telemetry;

/// <summary>Attaches the caller's trace context to every outgoing grain call (see <see cref="CallerTrace"/>).</summary>
public sealed class CallerTraceFilter : IOutgoingGrainCallFilter
{
    // Untraced calls (timers, grain-to-grain without a span) take the path without an async state machine.
    public Task Invoke(IOutgoingGrainCallContext context) =>
        CallerTrace.IsPresent ? AttachAndInvokeAsync(context) : context.Invoke();

    // Async so that the request-context change stays within this call.
    private static async Task AttachAndInvokeAsync(IOutgoingGrainCallContext context)
    {
        CallerTrace.Attach();
        await context.Invoke();
    }
}
