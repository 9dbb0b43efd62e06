using System.Text.Json.Nodes;
using Boilerhouse.Cli;

namespace Boilerhouse.Client.Tests.Infrastructure;

/// <summary>What one run of the <c>boilerhouse</c> command printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonNode Json() => JsonNode.Parse(Out) ?? throw new InvalidOperationException($"No JSON on stdout; stderr: {Error}");
}

/// <summary>Runs the CLI in this process against a real host, with the environment a test gives it (nothing from the test process's own).</summary>
public static class CliRun
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        // HOME points nowhere: a developer's own config file never leaks into a test.
        var code = await BoilerhouseCli.RunAsync(args, new CliConsole(output, error, IsTerminal: false),
            name => environment.TryGetValue(name, out var value) ? value : name == "HOME" ? "/nonexistent" : null, timeout.Token);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
