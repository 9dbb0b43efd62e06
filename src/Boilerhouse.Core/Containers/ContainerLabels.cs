namespace Boilerhouse.Core.Containers;

/// <summary>Labels on every container and volume Boilerhouse creates, so Docker can be reconciled with the database.</summary>
public static class ContainerLabels
{
    public const string Managed = "boilerhouse.managed";
    public const string Pool = "boilerhouse.pool";
    public const string Workload = "boilerhouse.workload";
    public const string Host = "boilerhouse.host";
    public const string Generation = "boilerhouse.generation";
    public const string Instance = "boilerhouse.instance";
    public const string Role = "boilerhouse.role";
    public const string Container = "boilerhouse.container";
    /// <summary>On the networks Boilerhouse creates (value "pool", see <see cref="PoolNetwork"/>).</summary>
    public const string Network = "boilerhouse.network";
    /// <summary>On short-lived helper containers (archive copies into read-only volumes).</summary>
    public const string Helper = "boilerhouse.helper";
}
