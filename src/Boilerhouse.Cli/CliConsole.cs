namespace Boilerhouse.Cli;

/// <summary>Where the command writes: the process's console, or writers a test reads.</summary>
/// <param name="Out">Results (tables, JSON).</param>
/// <param name="Error">Errors and progress.</param>
/// <param name="IsTerminal">True when a person watches stdout: progress is shown only then.</param>
/// <param name="OpenStandardStream">Opens the process's raw stdout or stdin (for file bytes); null where there is none (tests use files).</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsTerminal, Func<CliStream, Stream>? OpenStandardStream = null)
{
    public static CliConsole System => new(Console.Out, Console.Error, !Console.IsOutputRedirected && !Console.IsErrorRedirected,
        stream => stream == CliStream.Out ? Console.OpenStandardOutput() : Console.OpenStandardInput());
}

/// <summary>The process's raw byte streams.</summary>
internal enum CliStream
{
    Out,
    In,
}
