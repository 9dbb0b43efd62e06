namespace Boilerhouse.Bench;

/// <summary>Sizes of one run; --quick shrinks them for a fast look.</summary>
public sealed record BenchOptions(bool Quick, string RepoRoot, string HostDll)
{
    public int ClaimSamples => Quick ? 10 : 40;
    public int ColdSamples => Quick ? 3 : 7;
    public int ReleaseSamples => Quick ? 3 : 7;
    public int ThroughputTenants => Quick ? 40 : 200;
    public int WarmUpContainers => Quick ? 10 : 50;
    public int MemoryContainers => Quick ? 100 : 500;
    public int SyncSamples => Quick ? 3 : 9;
    public int IntegritySamples => Quick ? 10 : 30;
    public int EventSamples => Quick ? 10 : 30;
    public int StalledClaimSamples => Quick ? 10 : 40;
    public int DashboardSamples => Quick ? 5 : 15;
    public int SamplerContainers => Quick ? 20 : 50;
    public TimeSpan SamplerWindow => TimeSpan.FromSeconds(Quick ? 12 : 20);

    /// <summary>--only=integrity, events, routing, dashboard or cluster runs that one scenario (writes bench/results/NAME.md).</summary>
    public string? Only { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var root = Directory.GetCurrentDirectory();
        while (!File.Exists(Path.Combine(root, "Boilerhouse.Functions.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run from inside the repository.");
        }

        var dll = Path.Combine(root, "src", "Boilerhouse.Functions", "bin", "Release", "net10.0", "Boilerhouse.Functions.dll");
        var only = args.FirstOrDefault(a => a.StartsWith("--only=", StringComparison.Ordinal))?["--only=".Length..];
        // The integrity scenario drives the sync engine itself: it needs no host.
        return File.Exists(dll) || only == "integrity"
            ? new BenchOptions(args.Contains("--quick"), root, dll) { Only = only }
            : throw new FileNotFoundException($"Build the host in Release first: {dll}");
    }
}
