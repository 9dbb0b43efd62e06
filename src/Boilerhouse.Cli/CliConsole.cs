namespace Boilerhouse.Cli;

/// <summary>Where the command writes: the process's console, or writers a test reads.</summary>
/// <param name="Out">Results (tables, JSON).</param>
/// <param name="Error">Errors and progress.</param>
/// <param name="IsTerminal">True when a person watches stdout: progress is shown only then.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsTerminal)
{
    public static CliConsole System => new(Console.Out, Console.Error, !Console.IsOutputRedirected && !Console.IsErrorRedirected);
}
