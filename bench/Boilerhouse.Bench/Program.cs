using System.Diagnostics;
using Boilerhouse.Bench;

// Runs every scenario of the benchmark and writes bench/results/latest.md, or one scenario with
// --only=NAME and writes bench/results/NAME.md (see bench/README.md).
var options = BenchOptions.Parse(args);
var results = new Results();
var scenarios = new Scenarios(options, results);
var started = Stopwatch.GetTimestamp();

// In the order of a full run; the last flag says whether a full run takes it (dashboard runs inside memory there).
var steps = new (string Name, string Title, Func<Task> Run, bool InFullRun)[]
{
    ("claims", "1-3: warm claims, release, cold baseline", scenarios.ClaimAndReleaseAsync, true),
    ("claims-vs-baseline", "1b: plain warm claims against BENCH_BASELINE_HOST_DLL's build", () => new BaselineClaims(options, results).RunAsync(), true),
    ("throughput", "4: throughput", scenarios.ThroughputAsync, true),
    ("stores", "4s: throughput on SQLite and PostgreSQL", () => new StoresScenario(options, results).RunAsync(), true),
    ("warmup", "5: warm-up against raw docker run", () => new WarmUpScenario(options, results).RunAsync(), true),
    ("memory-dashboard", "6: memory, 11: dashboard first render (same host)", () => scenarios.MemoryAsync(new DashboardScenario(options, results)), true),
    ("memory", "6: memory, with warm claims on that host (and --baseline-host)", () => new MemoryScenario(options, results).RunAsync(), false),
    ("dashboard", "11: dashboard first render", () => new DashboardScenario(options, results).RunAsync(), false),
    ("sync", "7: state sync against rclone", () => new SyncScenarios(options, results).RunAsync(), true),
    ("integrity", "8: state integrity, verification on vs off", () => new IntegrityScenario(options, results).RunAsync(), true),
    ("events", "9: events and sampling", () => new EventsScenario(options, results).RunAsync(), true),
    ("routing", "10: tenant traffic through the proxy", () => new RoutingScenario(options, results).RunAsync(), true),
    ("cluster", "12: throughput on 2 silos and on 3 Docker hosts", () => new ClusterScenario(options, results).RunAsync(), true),
    ("soak", "13: soak, 8 tenants cycling on a pool of max 6 (fairness)", () => new SoakScenario(options, results).RunAsync(), true),
};

if (options.Only is { } name)
{
    var step = steps.FirstOrDefault(s => s.Name == name);
    if (step.Run is null)
    {
        Console.Error.WriteLine($"Unknown scenario '{name}'; one of: {string.Join(", ", steps.Select(s => s.Name))}.");
        return 2;
    }

    Console.WriteLine(step.Title);
    await step.Run();
}
else
{
    Console.WriteLine($"Boilerhouse benchmark ({(options.Quick ? "quick" : "full")} run)");
    foreach (var step in steps.Where(s => s.InFullRun))
    {
        Console.WriteLine(step.Title);
        await step.Run();
    }
}

var report = results.ToMarkdown(await MachineFacts.DescribeAsync(options, Stopwatch.GetElapsedTime(started)));
var file = (options.Only, options.Quick) switch
{
    (null, false) => "latest",
    (null, true) => "quick",
    (var only, false) => only,
    (var only, true) => $"{only}-quick",
};
var path = Path.Combine(options.RepoRoot, "bench", "results", $"{file}.md");
await File.WriteAllTextAsync(path, report);
Console.WriteLine();
Console.WriteLine(report);
Console.WriteLine($"Written to {path}");
return 0;
