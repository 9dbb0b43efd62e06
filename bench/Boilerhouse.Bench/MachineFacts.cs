using System.Diagnostics;
using Boilerhouse.Docker;

namespace Boilerhouse.Bench;

/// <summary>The facts that make a result comparable: machine, engine, commit, sizes.</summary>
public static class MachineFacts
{
    public static async Task<string> DescribeAsync(BenchOptions options, TimeSpan duration)
    {
        using var probe = new DockerHostProbe(new DockerEndpoint());
        var engine = await probe.ProbeAsync(CancellationToken.None);
        var memory = File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return $"""
            # Boilerhouse benchmark results

            - Run: {(options.Quick ? "quick (--quick)" : "full")}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {duration.TotalMinutes:0.0} min, commit {Git("rev-parse --short HEAD")}
            - Machine: {Environment.ProcessorCount} cores, {long.Parse(memory) / 1024 / 1024.0:0.0} GiB memory, {Environment.OSVersion}
            - Docker engine {engine.ServerVersion} (API {engine.ApiVersion}), .NET {Environment.Version}
            - Samples: {options.ClaimSamples} warm claims per series, {options.ColdSamples} cold starts, {options.ThroughputTenants} concurrent tenants, {options.WarmUpContainers} for warm-up, {options.MemoryContainers} for memory
            - Each figure is a median and p99 over the samples; each ratio is measured in the same run. Goals are goals, not assertions.

            """;
    }

    private static string Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true })!;
            return git.StandardOutput.ReadToEnd().Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
