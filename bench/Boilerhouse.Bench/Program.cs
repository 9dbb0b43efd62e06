using System.Diagnostics;
using Boilerhouse.Bench;

// Runs every scenario of the benchmark and writes bench/results/latest.md (see bench/README.md).
var options = BenchOptions.Parse(args);
var results = new Results();
var scenarios = new Scenarios(options, results);
var started = Stopwatch.GetTimestamp();
if (options.Only is "integrity" or "events" or "routing" or "dashboard" or "cluster")
{
    if (options.Only == "cluster")
    {
        Console.WriteLine("12: throughput on 2 silos and on 3 Docker hosts");
        await new ClusterScenario(options, results).RunAsync();
    }
    else if (options.Only == "dashboard")
    {
        Console.WriteLine("11: dashboard first render");
        await new DashboardScenario(options, results).RunAsync();
    }
    else if (options.Only == "integrity")
    {
        Console.WriteLine("8: state integrity, verification on vs off");
        await new IntegrityScenario(options, results).RunAsync();
    }
    else if (options.Only == "routing")
    {
        Console.WriteLine("10: tenant traffic through the proxy");
        await new RoutingScenario(options, results).RunAsync();
Console.WriteLine("12: throughput on 2 silos and on 3 Docker hosts");
await new ClusterScenario(options, results).RunAsync();
    }
    else
    {
        Console.WriteLine("9: events and sampling");
        await new EventsScenario(options, results).RunAsync();
    }

    var only = results.ToMarkdown(await MachineFacts.DescribeAsync(options, Stopwatch.GetElapsedTime(started)));
    var onlyPath = Path.Combine(options.RepoRoot, "bench", "results", options.Quick ? $"{options.Only}-quick.md" : $"{options.Only}.md");
    await File.WriteAllTextAsync(onlyPath, only);
    Console.WriteLine(only);
    return;
}


Console.WriteLine($"Boilerhouse benchmark ({(options.Quick ? "quick" : "full")} run)");
Console.WriteLine("1-3: warm claims, release, cold baseline");
await scenarios.ClaimAndReleaseAsync();
Console.WriteLine("4: throughput");
await scenarios.ThroughputAsync();
Console.WriteLine("5: warm-up");
await scenarios.WarmUpAsync();
Console.WriteLine("6: memory, 11: dashboard first render (same host)");
await scenarios.MemoryAsync(new DashboardScenario(options, results));
Console.WriteLine("7: state sync against rclone");
await new SyncScenarios(options, results).RunAsync();
Console.WriteLine("8: state integrity, verification on vs off");
await new IntegrityScenario(options, results).RunAsync();
Console.WriteLine("9: events and sampling");
await new EventsScenario(options, results).RunAsync();
Console.WriteLine("10: tenant traffic through the proxy");
await new RoutingScenario(options, results).RunAsync();
Console.WriteLine("12: throughput on 2 silos and on 3 Docker hosts");
await new ClusterScenario(options, results).RunAsync();

var report = results.ToMarkdown(await MachineFacts.DescribeAsync(options, Stopwatch.GetElapsedTime(started)));
var path = Path.Combine(options.RepoRoot, "bench", "results", options.Quick ? "quick.md" : "latest.md");
await File.WriteAllTextAsync(path, report);
Console.WriteLine();
Console.WriteLine(report);
Console.WriteLine($"Written to {path}");
