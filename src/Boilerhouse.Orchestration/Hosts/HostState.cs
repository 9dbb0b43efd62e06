namespace Boilerhouse.Orchestration.Hosts;

/// <summary>The registry's mutable record of one host's health and flags (only the registry grain changes it).</summary>
public sealed class HostState(HostDefinition definition)
{
    public HostDefinition Definition { get; } = definition;
    public HostStatus Status { get; private set; } = HostStatus.Unknown;
    public bool Cordoned { get; set; }
    public bool Draining { get; set; }
    public int ConsecutiveFailures { get; private set; }
    public DateTimeOffset? LastCheckAt { get; private set; }
    public double? LastLatencyMs { get; private set; }
    public string? LastError { get; private set; }
    public HostEngine? Engine { get; private set; }

    public HostCondition Condition => this switch
    {
        { Status: HostStatus.Unhealthy } => HostCondition.Unhealthy,
        { ConsecutiveFailures: > 0 } => HostCondition.Suspect,
        { Draining: true } => HostCondition.Draining,
        _ => HostCondition.Ready,
    };

    /// <summary>What pools are told about this host.</summary>
    public HostChange Change => new(Definition.Id, Condition, LastError);

    public void Record(HostProbeResult result, DateTimeOffset at, int unhealthyAfter)
    {
        LastCheckAt = at;
        if (result.Ok)
        {
            Status = HostStatus.Healthy;
            ConsecutiveFailures = 0;
            LastError = null;
            LastLatencyMs = result.LatencyMs;
            Engine = result.Engine;
            return;
        }

        ConsecutiveFailures++;
        LastError = result.Error;
        if (ConsecutiveFailures >= unhealthyAfter)
        {
            Status = HostStatus.Unhealthy;
        }
    }

    public HostView ToView(HostUsage used) => new(
        Definition.Id, Definition.Endpoint.ToString(), Definition.Labels, Status, Cordoned, Draining, ConsecutiveFailures,
        LastCheckAt, LastLatencyMs, LastError, Engine, Definition.Capacity, used, Condition);
}
