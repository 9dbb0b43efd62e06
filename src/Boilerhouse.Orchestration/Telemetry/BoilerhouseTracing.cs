using System.Diagnostics;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Telemetry;

/// <summary>
/// Boilerhouse's spans: one per orchestration run (claim, release, sync, ...) and one per activity
/// step inside it, all carrying the instance id. Nothing is recorded unless a tracer listens.
/// </summary>
public static class BoilerhouseTracing
{
    public const string SourceName = "Boilerhouse";

    public const string InstanceIdTag = "boilerhouse.orchestration.instance_id";
    public const string OrchestrationTag = "boilerhouse.orchestration.name";
    public const string TenantTag = "boilerhouse.tenant.id";
    public const string PoolTag = "boilerhouse.pool.id";
    public const string StepTag = "boilerhouse.step.sequence";
    public const string AttemptsTag = "boilerhouse.step.attempts";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The span of one run of an instance, child of the caller's span when the run was started by a traced request.</summary>
    public static Activity? StartOrchestration(OrchestrationRecord record, ActivityContext caller)
    {
        var activity = Source.StartActivity(record.Name, ActivityKind.Internal, caller);
        activity?.SetTag(InstanceIdTag, record.InstanceId)
            .SetTag(OrchestrationTag, record.Name)
            .SetTag(TenantTag, record.TenantId)
            .SetTag(PoolTag, record.PoolId);
        return activity;
    }

    /// <summary>The span of one step (all its attempts), child of the current orchestration span.</summary>
    public static Activity? StartStep(string name, string instanceId, int sequence)
    {
        var activity = Source.StartActivity(name, ActivityKind.Internal);
        activity?.SetTag(InstanceIdTag, instanceId).SetTag(StepTag, sequence);
        return activity;
    }

    public const string ErrorTypeTag = "error.type";

    /// <summary>Marks a span failed with the stable error code and its message.</summary>
    public static void Failed(this Activity? activity, string code, string? message)
    {
        activity?.SetStatus(ActivityStatusCode.Error, message).SetTag(ErrorTypeTag, code);
    }

    /// <summary>A step that succeeded on a retry is not an error, whatever its earlier attempts were.</summary>
    public static void Succeeded(this Activity? activity)
    {
        activity?.SetStatus(ActivityStatusCode.Unset).SetTag(ErrorTypeTag, null);
    }
}
