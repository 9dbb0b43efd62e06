namespace Boilerhouse.Orchestration.Pools;

/// <summary>Names for the containers of a pool: "bh-{pool}-{random}", unique and safe for Docker.</summary>
public static class ContainerNames
{
    public static string New(string poolId) => $"bh-{poolId}-{Guid.NewGuid().ToString("N")[..10]}";
}
