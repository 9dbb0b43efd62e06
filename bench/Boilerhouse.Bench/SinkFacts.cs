namespace Boilerhouse.Bench;

/// <summary>Where eng/setup-sinks.sh started the S3 server (.eng-state/sinks.env).</summary>
public static class SinkFacts
{
    public static Uri S3Endpoint(BenchOptions options)
    {
        var state = Environment.GetEnvironmentVariable("ENG_STATE") is { Length: > 0 } configured ? configured : Path.Combine(options.RepoRoot, ".eng-state");
        var line = File.ReadLines(Path.Combine(state, "sinks.env")).FirstOrDefault(l => l.StartsWith("S3_ENDPOINT=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("S3_ENDPOINT missing from sinks.env: run eng/setup-sinks.sh.");
        return new Uri(line["S3_ENDPOINT=".Length..].Trim());
    }
}
