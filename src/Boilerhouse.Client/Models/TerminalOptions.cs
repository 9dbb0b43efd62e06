namespace Boilerhouse.Client.Models;

/// <summary>How a terminal starts: its size and program.</summary>
public sealed record TerminalOptions
{
    /// <summary>Columns (1-1000; the server's default is 80).</summary>
    public int? Columns { get; init; }

    /// <summary>Rows (1-1000; the server's default is 24).</summary>
    public int? Rows { get; init; }

    /// <summary>The program and its arguments (the server's default is <c>/bin/sh</c>).</summary>
    public IReadOnlyList<string>? Command { get; init; }
}

/// <summary>What a terminal sent.</summary>
public enum TerminalEventKind
{
    /// <summary>Terminal output (<see cref="TerminalEvent.Output"/>).</summary>
    Output,

    /// <summary>The program ended (<see cref="TerminalEvent.ExitCode"/>; null when unknown, as when the container went); the close follows.</summary>
    Exit,

    /// <summary>The server did not understand a frame (<see cref="TerminalEvent.Message"/>).</summary>
    Error,

    /// <summary>The session is closed: nothing more comes.</summary>
    Closed,
}

/// <summary>One thing a terminal sent: output bytes, the exit, an error, or the close.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Output">The output bytes (for <see cref="TerminalEventKind.Output"/>).</param>
/// <param name="ExitCode">The program's exit code (for <see cref="TerminalEventKind.Exit"/>).</param>
/// <param name="Message">The server's message (for <see cref="TerminalEventKind.Error"/>).</param>
public sealed record TerminalEvent(TerminalEventKind Kind, ReadOnlyMemory<byte> Output = default, long? ExitCode = null, string? Message = null)
{
    /// <summary>The output as UTF-8 text (a multi-byte character may be split between two events).</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(Output.Span);
}
