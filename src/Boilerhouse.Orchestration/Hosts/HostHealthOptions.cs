namespace Boilerhouse.Orchestration.Hosts;

/// <summary>How the host health timer judges a Docker host.</summary>
public sealed class HostHealthOptions
{
    /// <summary>Failed checks in a row after which a host is unhealthy (no placements, warm containers written off).</summary>
    public int UnhealthyAfter { get; set; } = 3;

    /// <summary>The longest one probe call (ping, version, info) may take.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
