namespace Boilerhouse.Core.Shell;

/// <summary>A command to run in a container: argv (no shell), a deadline, extra variables and a working directory.</summary>
public sealed record CommandRequest(
    IReadOnlyList<string> Command,
    TimeSpan Timeout,
    IReadOnlyDictionary<string, string>? Environment = null,
    string? WorkingDirectory = null,
    int MaxOutputBytes = CommandRequest.DefaultMaxOutputBytes)
{
    /// <summary>Per stream (stdout, stderr); more is read and dropped, and the result says Truncated.</summary>
    public const int DefaultMaxOutputBytes = 1024 * 1024;

    /// <summary>The variable every process of one run carries, so a timeout can find and kill them all.</summary>
    public const string MarkerVariable = "BOILERHOUSE_EXEC_ID";
}
